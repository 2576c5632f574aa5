/** A request the rules refuse; `field` names the form field the Vietnamese message belongs beside. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
