import { describe, expect, it } from "vitest";
import { credentialTypes } from "@/lib/credentials/credential-types";
import { subjectFields, type FieldDescriptor } from "@/lib/credentials/subject-fields";
import {
  credentialTitleFromEnglish,
  credentialTitleIn,
  fieldLabelIn,
  optionLabelIn,
} from "./credential-labels";

function walk(fields: FieldDescriptor[]): FieldDescriptor[] {
  return fields.flatMap((f) => (f.kind === "group" ? [f, ...walk(f.fields)] : [f]));
}

describe("Russian credential labels", () => {
  for (const definition of Object.values(credentialTypes)) {
    it(`names ${definition.type} and every field it can show`, () => {
      const title = credentialTitleIn("ru", definition.type, definition.title);
      expect(title).not.toBe(definition.title);
      expect(title).toMatch(/[а-яё]/i);
      for (const field of walk(subjectFields(definition.subjectSchema))) {
        const label = fieldLabelIn("ru", definition.type, field.path, field.label);
        expect(label, field.path).toMatch(/[а-яё]/i);
        if (field.kind === "select") {
          for (const option of field.options) {
            expect(optionLabelIn("ru", field.path, option.label), option.label).toMatch(/[а-яё]/i);
          }
        }
      }
    });
  }

  it("leaves English and unknown fields as given", () => {
    expect(fieldLabelIn("en", "MedicalLicenseCredential", "licenseNumber", "Licence number")).toBe(
      "Licence number",
    );
    expect(fieldLabelIn("ru", "X", "someExtension", "Some extension")).toBe("Some extension");
    expect(optionLabelIn("ru", "degree", "MBBS")).toBe("MBBS");
    expect(credentialTitleIn("ru", "OtherCredential", "Other")).toBe("Other");
  });

  it("uses the medical words a Russian doctor expects", () => {
    expect(credentialTitleIn("ru", "MedicalLicenseCredential", "")).toContain("Лицензия");
    expect(optionLabelIn("ru", "trainingKind", "Residency")).toBe("Ординатура");
    expect(fieldLabelIn("ru", "SpecialtyCertificationCredential", "specialty.label", "")).toBe(
      "Специальность",
    );
  });

  it("finds a stored English title's type again", () => {
    expect(credentialTitleFromEnglish("ru", "Medical licence")).toBe(
      "Лицензия на медицинскую деятельность",
    );
    expect(credentialTitleFromEnglish("en", "Medical licence")).toBe("Medical licence");
    expect(credentialTitleFromEnglish("ru", "Something else")).toBe("Something else");
  });
});
