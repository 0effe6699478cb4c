// The callback policy as the console explains it (the server enforces it: rule 4.2,
// `Callback::MAX_ATTEMPTS` in crates/protocol).
export const MAX_ATTEMPTS = 3;
