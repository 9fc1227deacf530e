import { describe, expect, it } from "vitest";
import { matchDcql, selectPath } from "./match-dcql";
import { requestDcql } from "./request-dcql";

const privileges = {
  vc: {
    type: ["VerifiableCredential", "ClinicalPrivilegesCredential"],
    credentialSubject: {
      procedures: [{ label: "Echocardiography" }, { label: "Coronary angiography", code: "X1" }],
    },
  },
};

describe("matchDcql", () => {
  it("selects with keys, indexes and null (every element)", () => {
    expect(selectPath(privileges.vc, ["credentialSubject", "procedures", null, "label"])).toEqual([
      "Echocardiography",
      "Coronary angiography",
    ]);
    expect(selectPath(privileges.vc, ["credentialSubject", "procedures", 1, "code"])).toEqual([
      "X1",
    ]);
    expect(selectPath(privileges.vc, ["credentialSubject", "procedures", 5])).toEqual([]);
    expect(selectPath(privileges.vc, ["credentialSubject", "toString"])).toEqual([]);
  });

  it("matches on type values and claim values, and says why not", () => {
    const [query] = requestDcql({
      requirements: [{ kind: "privileges", procedure: "Coronary angiography" }],
    }).credentials;
    expect(matchDcql(query!, privileges)).toEqual({ matches: true });
    const [other] = requestDcql({
      requirements: [{ kind: "privileges", procedure: "Pacemaker insertion" }],
    }).credentials;
    expect(matchDcql(other!, privileges)).toEqual({
      matches: false,
      reason: "Its procedure is Echocardiography, Coronary angiography, not Pacemaker insertion.",
    });
    const [licence] = requestDcql({
      requirements: [{ kind: "licensed", jurisdiction: "Eastland" }],
    }).credentials;
    expect(matchDcql(licence!, privileges)).toEqual({
      matches: false,
      reason: "It is not a medical licence.",
    });
    const noNumber = {
      vc: {
        type: ["VerifiableCredential", "MedicalLicenseCredential"],
        credentialSubject: { jurisdiction: "Eastland" },
      },
    };
    expect(matchDcql(licence!, noNumber)).toEqual({
      matches: false,
      reason: "It does not state licenseNumber.",
    });
  });
});
