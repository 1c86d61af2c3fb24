// Vite's `?raw` imports: a file's text as a string (the designer's guides, issue 16).
declare module '*.md?raw' {
  const text: string;
  export default text;
}
