// What the designer tier sees of a server-only module (node: built-ins, pg, express,
// better-sqlite3, pg-boss) that the API's declarations mention: nothing it may use.
// The designer never imports these modules' code; only the API's declarations name them.
declare const serverOnly: unknown;
export = serverOnly;
