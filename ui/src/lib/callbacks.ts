// The callback policy as the console explains it (the server enforces it: DESIGN §4,
// `Callback::MAX_ATTEMPTS` in crates/protocol).
export const MAX_ATTEMPTS = 3;
