// What a run does with the fixes it finds: write them (fix), show them (dry-run, patch), or only report (check).
export type Mode = 'fix' | 'dry-run' | 'check' | 'patch';
