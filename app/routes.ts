import { index, route, type RouteConfig } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("programmes", "routes/programmes.tsx"),
  route("programmes/:slug", "routes/programme.tsx"),
  route("programmes/:slug/themes/:number", "routes/theme.tsx"),
  route("programmes/:slug/actions", "routes/actions.tsx"),
  route("programmes/:slug/actions/:number", "routes/action.tsx"),
  route("programmes/:slug/actions/:number/edit", "routes/action-edit.tsx"),
  route("programmes/:slug/monitor", "routes/monitor.tsx"),
  route("programmes/:slug/monitor/:indicatorId", "routes/monitor-indicator.tsx"),
  route("organisations", "routes/organisations.tsx"),
  route("organisations/:slug", "routes/organisation.tsx"),
  route("sign-in", "routes/sign-in.tsx"),
  route("sign-out", "routes/sign-out.tsx"),
  route("setup/:token", "routes/setup.tsx"),
  route("password/forgot", "routes/password-forgot.tsx"),
  route("password/reset/:token", "routes/password-reset.tsx"),
  route("invite/:token", "routes/invite.tsx"),
  route("account", "routes/account.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
