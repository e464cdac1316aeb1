import pino from "pino";

export type Logger = pino.Logger;

/** JSON-lines logger; request handlers log through a child carrying the request id. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "regie" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ["req.headers.cookie", "req.headers.authorization", "*.password", "*.token"], censor: "[redacted]" },
  });
}
