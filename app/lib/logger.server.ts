import pino from "pino";

export type Logger = pino.Logger;

/** JSON-lines logger (to standard output unless given a destination); secrets are redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "regie" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ["req.headers.cookie", "req.headers.authorization", "*.password", "*.token"], censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Paths whose next segment is a secret (a personal link, a reset, invitation or set-up link). */
const SECRET_SEGMENT = /^(\/(?:respond|password\/reset|invite|setup)\/)[^/?#]+/;

/**
 * A request's URL as it may be logged: a secret path segment becomes `[redacted]`, and so does
 * every query value (query names are kept), so that no log line carries a link that works.
 */
export function loggableUrl(originalUrl: string): string {
  const [path = "", query] = originalUrl.split(/\?(.*)/s, 2);
  const safePath = path.replace(SECRET_SEGMENT, "$1[redacted]");
  if (query === undefined || query === "") return safePath;
  const names = query.split("&").map((pair) => {
    const name = pair.split("=", 1)[0] ?? "";
    return pair.includes("=") ? `${name}=[redacted]` : name;
  });
  return `${safePath}?${names.join("&")}`;
}
