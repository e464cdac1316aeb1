import type { Request, Response } from "express";
import type { Programme } from "../domain/programmes/types";
import type { Services } from "../lib/services.server";
import { problem } from "./problem";

/** Path parameters as the routes accept them; the OpenAPI document states the same patterns. */
export const ACTION_NUMBER = /^[1-9]\d{0,5}$/;
export const THEME_NUMBER = /^[1-9]\d{0,2}$/;
export const DECISION_ID = /^[1-9]\d{0,9}$/;
export const INDICATOR_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const INDICATOR_ID_MAX = 80;

/** The programme the path names (`:slug`), or undefined after a 404. */
export async function programmeOf(services: Services, req: Request, res: Response): Promise<Programme | undefined> {
  const programme = await services.programmes.get(String(req.params.slug));
  if (!programme) problem(res, 404, "errors.programmeNotFound");
  return programme;
}
