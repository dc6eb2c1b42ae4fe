// The domain types repositories return and take (rows stay inside src/db).

export type * from './audit';
export type * from './exchange';
export type * from './form-instance';
export type * from './query';
export type * from './study-definition';
export type * from './subject';
export type * from './user';
export type * from './return-exchange';
export type * from './instance-status';
export type * from './casebook-lock';
