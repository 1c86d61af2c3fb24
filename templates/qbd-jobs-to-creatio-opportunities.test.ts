// Golden test of "qbd-jobs-to-creatio-opportunities": see test-q2c-jobs.ts for what it proves.
import { jobsGolden, qbdJobs } from './test-q2c-jobs';

jobsGolden('qbd-jobs-to-creatio-opportunities', qbdJobs);
