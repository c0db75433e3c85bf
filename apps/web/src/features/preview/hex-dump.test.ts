import { describe, expect, it } from "vitest";
import { hexDump } from "./hex-dump";

describe("hexDump", () => {
  it("shows 16 bytes a line with their offset and printable ASCII", () => {
    const bytes = Buffer.from([0, 1, 0x41, 0x42, 0xff, ...Buffer.from("hello, world!!")]);
    expect(hexDump(bytes.toString("base64")).split("\n")).toEqual([
      "00000000  00 01 41 42 ff 68 65 6c 6c 6f 2c 20 77 6f 72 6c  ..AB.hello, worl",
      "00000010  64 21 21                                         d!!",
    ]);
  });
});
