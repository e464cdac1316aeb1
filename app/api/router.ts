import { Router } from "express";
import type { Principal } from "../domain/auth/roles";
import type { Services } from "../lib/services.server";
import { mountActionRoutes } from "./actions/routes";
import { mountDecisionRoutes } from "./decisions/routes";
import { mountMonitorRoutes } from "./monitor/routes";
import { openApiDocument } from "./openapi";
import { mountOrganisationRoutes } from "./organisations/routes";
import { mountPlanRoutes } from "./plans/routes";
import { problem } from "./problem";
import { mountProgrammeRoutes } from "./programmes/routes";
import { mountProgressRoutes } from "./progress/routes";
import { mountWorkbookRoutes } from "./workbook/routes";
import { mountReportRoutes } from "./reports/routes";
import { mountEditionRoutes } from "./editions/routes";
import { mountBudgetRoutes } from "./budget/routes";

/** The open-data and write API under /api/v1, one area at a time. Handlers: parse, read or write, shape. */
export function createApiRouter(services: Services): Router {
  const router = Router();

  router.use((_req, res, next) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    // Shared caches may keep public reads for a minute; anything personal or changing is never cached.
    const anonymous = (res.locals.principal as Principal | undefined)?.user == null;
    res.setHeader("Cache-Control", anonymous && (_req.method === "GET" || _req.method === "HEAD") ? "public, max-age=60" : "private, no-store");
    next();
  });

  // Built once: the document only changes with the code.
  let document: ReturnType<typeof openApiDocument> | undefined;
  router.get("/openapi.json", (_req, res) => {
    document ??= openApiDocument();
    res.json(document);
  });

  mountProgrammeRoutes(router, services);
  mountActionRoutes(router, services);
  mountOrganisationRoutes(router, services);
  mountMonitorRoutes(router, services);
  mountPlanRoutes(router, services);
  mountDecisionRoutes(router, services);
  mountProgressRoutes(router, services);
  mountWorkbookRoutes(router, services);
  mountReportRoutes(router, services);
  mountEditionRoutes(router, services);
  mountBudgetRoutes(router, services);

  router.all("/{*rest}", (req, res) => {
    // A known path asked with a method it does not take is a 405 naming the methods it does take.
    const allowed = new Set<string>();
    for (const layer of router.stack as unknown as { route?: { methods: Record<string, boolean> }; match(path: string): boolean }[]) {
      if (!layer.route || !layer.match(req.path)) continue;
      for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== "_all") allowed.add(method.toUpperCase());
    }
    allowed.delete("ALL");
    if (allowed.size > 0) {
      if (allowed.has("GET")) allowed.add("HEAD");
      res.setHeader("Allow", [...allowed].sort().join(", "));
      problem(res, 405, "errors.methodNotAllowed");
      return;
    }
    problem(res, 404, "errors.notFoundTitle");
  });

  return router;
}
