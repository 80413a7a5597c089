import { describe, expect, it } from "vitest";
import { RenderQueue } from "./render-queue.js";

const job = (name: string, model: string, urgent: boolean) => ({ name, recipe: { model }, urgent });

describe("RenderQueue", () => {
  it("serves urgent jobs first and alone, each line in arrival order, and only what the worker accepts", () => {
    const queue = new RenderQueue<ReturnType<typeof job>>();
    for (const j of [job("p1", "a", false), job("u1", "a", true), job("p2", "b", false), job("u2", "b", true), job("u3", "a", true), job("p3", "a", false)]) queue.push(j);
    // No prefetch rides along with urgent jobs, even with room in the batch.
    expect(queue.take(3, (j) => j.recipe.model === "a").map((j) => j.name)).toEqual(["u1", "u3"]);
    expect(queue.take(3, (j) => j.recipe.model === "a").map((j) => j.name)).toEqual(["p1", "p3"]);
    expect(queue.size).toBe(2);
    expect(queue.take(5, () => true).map((j) => j.name)).toEqual(["u2"]);
    expect(queue.take(5, () => true).map((j) => j.name)).toEqual(["p2"]);
    expect(queue.size).toBe(0);
  });

  it("promotes a waiting prefetch job, and puts returned jobs at the front", () => {
    const queue = new RenderQueue<ReturnType<typeof job>>();
    const [p1, p2, u1] = [job("p1", "a", false), job("p2", "a", false), job("u1", "a", true)];
    for (const j of [p1, p2, u1]) queue.push(j);
    queue.promote(p2);
    expect(p2.urgent).toBe(true);
    const first = queue.take(1, () => true);
    expect(first.map((j) => j.name)).toEqual(["u1"]);
    queue.pushFront(u1);
    expect(queue.take(9, () => true).map((j) => j.name)).toEqual(["u1", "p2"]);
    expect(queue.take(9, () => true).map((j) => j.name)).toEqual(["p1"]);
  });

  it("removes and drains", () => {
    const queue = new RenderQueue<ReturnType<typeof job>>();
    const jobs = [job("a1", "a", false), job("b1", "b", true), job("a2", "a", true)];
    for (const j of jobs) queue.push(j);
    expect(queue.remove(jobs[0]!)).toBe(true);
    expect(queue.remove(jobs[0]!)).toBe(false);
    expect(queue.drain((j) => j.recipe.model === "a").map((j) => j.name)).toEqual(["a2"]);
    expect(queue.hasUrgent).toBe(true);
    expect(queue.size).toBe(1);
  });
});
