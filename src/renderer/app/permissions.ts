// What each role may do, from the shared role table: used only to hide what a role cannot do; the server enforces it.

export { may, mayWriteField, type Action as UiAction } from '../../shared/auth/role-rules';
