// Error raised by the expression lexer, parser and analyser, carrying the offset it refers to.

export class ExpressionError extends Error {
  constructor(
    message: string,
    /** Offset in the expression source. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}
