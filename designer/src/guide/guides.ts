// The operator guides (issue 16), one markdown file each beside this list, shipped in the bundle.
import daily from './guides/daily-flow-management.md?raw';
import catching from './guides/catching-up.md?raw';
import connections from './guides/connection-troubleshooting.md?raw';
import singleUser from './guides/single-user-mode.md?raw';

export interface Guide {
  name: string;
  title: string;
  text: string;
}

export const GUIDES: Guide[] = [
  { name: 'daily-flow-management', title: 'Daily flow management', text: daily },
  { name: 'catching-up', title: 'Catching up after a stop', text: catching },
  { name: 'connection-troubleshooting', title: 'Connection troubleshooting', text: connections },
  { name: 'single-user-mode', title: 'Single-user mode for QuickBooks Desktop', text: singleUser },
];
