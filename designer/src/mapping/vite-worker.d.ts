// Vite's `?worker` import: the module's default export constructs the worker.
declare module '*?worker' {
  const WorkerConstructor: new () => Worker;
  export default WorkerConstructor;
}
