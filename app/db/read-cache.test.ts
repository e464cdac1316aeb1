import { describe, expect, it } from "vitest";
import { createReadCache } from "./read-cache";

describe("the read cache", () => {
  it("computes once per stamp, and again when the stamp changes", async () => {
    let stamp = "a";
    let reads = 0;
    const cache = createReadCache(() => Promise.resolve(stamp));
    const compute = () => Promise.resolve(++reads);
    expect(await cache.get("k", compute)).toBe(1);
    expect(await cache.get("k", compute)).toBe(1);
    stamp = "b";
    expect(await cache.get("k", compute)).toBe(2);
    expect(await cache.get("other", compute)).toBe(3);
  });

  it("shares one computation between concurrent requests, and keeps no failure", async () => {
    let reads = 0;
    const cache = createReadCache(() => Promise.resolve("s"));
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++reads), 10));
    expect(await Promise.all([cache.get("k", slow), cache.get("k", slow)])).toEqual([1, 1]);
    await expect(cache.get("bad", () => Promise.reject(new Error("database gone")))).rejects.toThrow(
      "database gone",
    );
    expect(await cache.get("bad", () => Promise.resolve("recovered"))).toBe("recovered");
  });

  it("reads the stamp once per request scope, never reusing another request's", async () => {
    let stamp = 0;
    let stampReads = 0;
    const cache = createReadCache(() => Promise.resolve(String((stampReads++, stamp))));
    const first = {};
    await cache.get("x", () => Promise.resolve(stamp), first);
    await cache.get("y", () => Promise.resolve(stamp), first);
    expect(stampReads).toBe(1);
    stamp = 1;
    // A new request sees the write; the old one keeps its own consistent view.
    expect(await cache.get("x", () => Promise.resolve(stamp), {})).toBe(1);
    expect(stampReads).toBe(2);
  });

  it("drops the least recently used entry beyond its size", async () => {
    const cache = createReadCache(() => Promise.resolve("s"), 2);
    let reads = 0;
    const compute = () => Promise.resolve(++reads);
    await cache.get("a", compute);
    await cache.get("b", compute);
    await cache.get("a", compute);
    await cache.get("c", compute);
    expect(await cache.get("a", compute)).toBe(1);
    expect(await cache.get("b", compute)).toBe(4);
  });
});
