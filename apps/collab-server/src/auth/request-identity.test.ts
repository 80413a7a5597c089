import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress } from "./request-identity.js";

const trusted = ["10.0.0.2", "10.0.0.3"]; // a load balancer and the web app's server

function request(peer: string, forwardedFor?: string): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor } } as unknown as IncomingMessage;
}

describe("clientAddress", () => {
  it("is the peer when the peer is not a trusted proxy, whatever it forwards", () => {
    expect(clientAddress(request("198.51.100.7", "203.0.113.9"), trusted)).toBe("198.51.100.7");
  });

  it("is the forwarded visitor behind the web app and the load balancer", () => {
    // web app forwards the visitor; the load balancer appends the web app's address
    expect(clientAddress(request("10.0.0.2", "203.0.113.9, 10.0.0.3"), trusted)).toBe("203.0.113.9");
  });

  it("ignores a forged first entry that a browser sent through the load balancer", () => {
    expect(clientAddress(request("10.0.0.2", "203.0.113.9, 198.51.100.7"), trusted)).toBe("198.51.100.7");
  });

  it("is the last trusted hop when every hop is trusted or none is forwarded", () => {
    expect(clientAddress(request("10.0.0.2"), trusted)).toBe("10.0.0.2");
    expect(clientAddress(request("10.0.0.2", " , 10.0.0.3"), trusted)).toBe("10.0.0.3");
  });
});
