// `weft sandbox creatio|qbo|qbd`: one sandbox alone, for trying a connection, the bench,
// or a customer's QuickBooks Desktop company file stand-in polling a running Weft.

/** SIGTERM/SIGINT close the sandbox's store cleanly (and let `--cpu-prof` write its profile) before exiting. */
function closeOnSignal(s: { close(): Promise<void> }): void {
  const stop = () => void s.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

export async function sandboxCommand(args: string[]): Promise<void> {
  const which = args[0];
  const portArg = args.indexOf('--port');
  const port = portArg >= 0 ? Number(args[portArg + 1]) : 0;
  const accountsArg = args.indexOf('--accounts');
  const accounts = accountsArg >= 0 ? Number(args[accountsArg + 1]) : undefined;
  const host = '127.0.0.1';
  if (which === 'creatio') {
    const { startCreatioSandbox } = await import('../sandbox/creatio');
    const s = await startCreatioSandbox({ port, host, seed: accounts ? { accounts } : undefined });
    closeOnSignal(s);
    console.log(
      JSON.stringify({
        baseUrl: s.baseUrl,
        username: s.username,
        password: s.password,
        tokenUrl: s.tokenUrl,
        clientId: s.clientId,
        clientSecret: s.clientSecret,
      }),
    );
  } else if (which === 'qbo') {
    const { startQboSandbox } = await import('../sandbox/quickbooks-online');
    const limitsOff = args[args.indexOf('--limits') + 1] === 'off' && args.includes('--limits');
    // `--realms N`: N companies (the bench's many-companies case); each one's refresh token is printed.
    const realms = args.includes('--realms') ? Number(args[args.indexOf('--realms') + 1]) : undefined;
    const s = await startQboSandbox({
      port,
      host,
      seed: accounts ? { accounts } : undefined,
      ...(limitsOff ? { limits: false } : {}),
      ...(realms ? { realms } : {}),
    });
    closeOnSignal(s);
    console.log(
      JSON.stringify({
        baseUrl: s.baseUrl,
        realmId: s.realmId,
        clientId: s.clientId,
        clientSecret: s.clientSecret,
        refreshToken: s.refreshToken,
        ...(realms ? { realms: s.realmIds.map((id) => ({ id, refreshToken: `rt-sandbox-${id}` })) } : {}),
      }),
    );
  } else if (which === 'qbd') {
    const { runQbdSandbox } = await import('./qbd-sandbox-cli');
    await runQbdSandbox(args, accounts);
  } else {
    throw new Error('say which sandbox: creatio, qbo or qbd');
  }
}
