// How loopmigrate's runs on a project went, from what each `--format json` run left: { status, json, stderr }.

/** A run crashed when it printed no JSON, was killed, exited above 2 or reported an internal error. */
export function crashed(run) {
  return run.json === null || run.status === null || run.status > 2 || /internal error/.test(run.stderr);
}

/** The status to report (the first crashed run's, else the first run's) and whether any run crashed. */
export function toolOutcome(runs) {
  const bad = runs.find(crashed);
  return { toolStatus: (bad ?? runs[0]).status, toolCrash: bad !== undefined };
}
