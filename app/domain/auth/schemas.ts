import { z } from "zod";
import { text } from "../primitives";
import { zodFieldErrors, type FieldErrors } from "../../lib/errors";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

/** Form fields arrive as strings; messages are i18n keys the page translates. */
const email = text({ message: "auth.emailInvalid" })
  .trim()
  .toLowerCase()
  .max(254, { message: "auth.emailInvalid" })
  .pipe(z.email({ message: "auth.emailInvalid" }));

const password = text({ message: "auth.passwordTooShort" })
  .min(PASSWORD_MIN, { message: "auth.passwordTooShort" })
  .max(PASSWORD_MAX, { message: "auth.passwordTooLong" });

export const signInSchema = z.object({
  email,
  password: text({ message: "auth.invalidCredentials" }).min(1, { message: "auth.invalidCredentials" }).max(PASSWORD_MAX, { message: "auth.passwordTooLong" }),
});

export const newPasswordSchema = z
  .object({ password, passwordRepeat: text({ message: "auth.passwordMismatch" }) })
  .refine((v) => v.password === v.passwordRepeat, { message: "auth.passwordMismatch", path: ["passwordRepeat"] });

export const setupSchema = z
  .object({
    name: text({ message: "auth.nameRequired" }).trim().min(1, { message: "auth.nameRequired" }).max(200, { message: "auth.fieldTooLong" }),
    email,
    password,
    passwordRepeat: text({ message: "auth.passwordMismatch" }),
  })
  .refine((v) => v.password === v.passwordRepeat, { message: "auth.passwordMismatch", path: ["passwordRepeat"] });

export const forgotSchema = z.object({ email });

export const tokenNameSchema = z.object({
  name: text({ message: "auth.nameRequired" }).trim().min(1, { message: "auth.nameRequired" }).max(100, { message: "auth.fieldTooLong" }),
});

/** Field errors, first message per field: every message of these schemas is a key. */
export function authErrors(error: z.ZodError): FieldErrors {
  return zodFieldErrors(error, { accept: /./s });
}

/** A form's string fields as a plain object (files and repeated fields are read separately). */
export function formFields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !(key in out)) out[key] = value;
  return out;
}
