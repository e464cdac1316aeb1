import { index, route, type RouteConfig } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("programmes", "routes/programmes.tsx"),
  route("programmes/:slug", "routes/programme.tsx"),
  route("programmes/:slug/themes/:number", "routes/theme.tsx"),
  route("programmes/:slug/actions", "routes/actions.tsx"),
  route("programmes/:slug/actions/:number", "routes/action.tsx"),
  route("organisations", "routes/organisations.tsx"),
  route("organisations/:slug", "routes/organisation.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
