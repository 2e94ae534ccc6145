// The signed-in user (GET /api/session) and what they may open.
let session = null;

export const getSession = () => session;
export const setSession = (s) => { session = s; };
export const can = (perm) => !perm || (!!session && session.user.permissions.includes(perm));
export const hasRole = (role) => !!session && session.user.roles.includes(role);
// Set by the server when the account's password was printed or reset by an administrator:
// the user must choose their own before anything else.
export const mustChangePassword = () => !!session && !!(session.must_change_password || session.user.must_change_password);
