// Ports of the browser specs' servers. WEFT_E2E_PORT lets two checkouts on one
// machine run their specs side by side.
export const E2E_PORT = Number(process.env.WEFT_E2E_PORT ?? 3917);
/** The notifications spec starts a real SMTP server here (issue 16); Weft is told to use it. */
export const E2E_SMTP_PORT = E2E_PORT + 1000;
