import { describe, expect, it } from "vitest";
import { plural } from "./plural";

const documents = {
  one: "# документ",
  few: "# документа",
  many: "# документов",
  other: "# документа",
};

describe("plural", () => {
  it("picks the Russian one/few/many forms, including the teens", () => {
    expect(plural("ru", 1, documents)).toBe("1 документ");
    expect(plural("ru", 2, documents)).toBe("2 документа");
    expect(plural("ru", 4, documents)).toBe("4 документа");
    expect(plural("ru", 5, documents)).toBe("5 документов");
    expect(plural("ru", 11, documents)).toBe("11 документов");
    expect(plural("ru", 12, documents)).toBe("12 документов");
    expect(plural("ru", 21, documents)).toBe("21 документ");
    expect(plural("ru", 22, documents)).toBe("22 документа");
    expect(plural("ru", 25, documents)).toBe("25 документов");
    expect(plural("ru", 111, documents)).toBe("111 документов");
    expect(plural("ru", 0, documents)).toBe("0 документов");
  });

  it("uses other for fractions in Russian and formats the number in the locale", () => {
    expect(plural("ru", 1.5, documents)).toBe("1,5 документа");
    expect(plural("ru", 1000, documents)).toBe(`${(1000).toLocaleString("ru")} документов`);
  });

  it("uses one/other in English, and other when few or many are missing", () => {
    const en = { one: "# credential", other: "# credentials" };
    expect(plural("en", 1, en)).toBe("1 credential");
    expect(plural("en", 2, en)).toBe("2 credentials");
    expect(plural("en", 0, en)).toBe("0 credentials");
    expect(plural("ru", 5, { one: "# x", other: "# y" })).toBe("5 y");
  });
});
