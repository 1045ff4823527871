import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldViolation, ValidationException } from './domain.exception';

export function flatten(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, fallback]) => ({ field, constraint, fallback }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** DTOs are the contract: unknown fields are rejected, values are converted to the declared types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new ValidationException(flatten(errors)),
  });
}
