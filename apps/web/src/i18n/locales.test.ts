import { describe, expect, it } from "vitest";
import { negotiateLocale, pickLocale } from "./locales";

describe("negotiateLocale", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["en-US,en;q=0.9,zh-CN;q=0.8", "en"],
    ["zh", "zh-CN"],
    ["zh-TW,zh;q=0.9", "zh-CN"],
    ["zh-Hans", "zh-CN"],
    ["de, zh-Hans;q=0.5", "zh-CN"],
    ["fr-FR,de;q=0.9", "en"],
    ["de, en;q=0.1, zh;q=0.5", "zh-CN"],
    ["", "en"],
    ["*", "en"],
  ])("%j → %s", (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});

describe("pickLocale", () => {
  it("takes the user's stored choice over the cookie and the header", () => {
    expect(pickLocale({ user: "zh-CN", cookie: "en", acceptLanguage: "en" })).toBe("zh-CN");
    expect(pickLocale({ user: null, cookie: "zh-CN", acceptLanguage: "en" })).toBe("zh-CN");
    expect(pickLocale({ user: "xx", cookie: "fr", acceptLanguage: "zh" })).toBe("zh-CN");
    expect(pickLocale({})).toBe("en");
  });
});
