// Golden test of "qbo-jobs-to-creatio-opportunities": see test-q2c-jobs.ts for what it proves.
import { jobsGolden, qboJobs } from './test-q2c-jobs';

jobsGolden('qbo-jobs-to-creatio-opportunities', qboJobs);
