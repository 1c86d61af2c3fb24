// The node definitions the designer knows: the same list the server and the
// engine use (nodes/index.ts). Palette, forms and port rules all read these.
export { NODE_DEFINITIONS, registry } from '../../nodes/index';
