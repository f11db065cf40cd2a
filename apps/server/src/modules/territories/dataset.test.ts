import { beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { dataFile, readCountries, readTerritories, type TerritoryRow } from "./dataset.ts";

const EU27 = "AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split(" ");
/** Exact LAU count of the vendored file: LAU 2020 for 26 countries (60,249) and France's 34,945 communes (COG 2023). */
const LAU_COUNT = 95_194;

const rows: TerritoryRow[] = [];
const byCode = new Map<string, TerritoryRow>();

function chain(code: string): string[] {
  const out: string[] = [];
  let r = byCode.get(code);
  while (r) {
    out.push(r.code);
    r = r.parent ? byCode.get(r.parent) : undefined;
  }
  return out;
}

beforeAll(async () => {
  for await (const r of readTerritories()) {
    rows.push(r);
    byCode.set(r.code, r);
  }
});

describe("vendored territories", () => {
  it("resolves data files in the repository", () => {
    expect(existsSync(dataFile("territories.tsv.gz"))).toBe(true);
    expect(existsSync(dataFile("countries.tsv"))).toBe(true);
  });

  it("has the 27 EU countries and nothing else", () => {
    const countries = rows.filter((r) => r.level === 0);
    expect(countries.map((r) => r.code).sort()).toEqual(EU27);
    expect(byCode.get("EL")?.name).toBe("Greece");
    expect(new Set(rows.map((r) => r.country))).toEqual(new Set(EU27));
  });

  it("has the expected number of LAUs", () => {
    const counts = [0, 1, 2, 3, 4].map((lv) => rows.filter((r) => r.level === lv).length);
    console.log(`territories per level 0-4: ${counts.join(" / ")}; LAUs: ${counts[4]}`);
    expect(counts[4]).toBe(LAU_COUNT);
    expect(byCode.size).toBe(rows.length); // codes unique
  });

  it("every parent exists, one level up, same country, and comes first (code order)", () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    let prev = "";
    for (const r of rows) {
      if (!(r.code > prev)) problems.push(`${r.code}: not sorted after ${prev}`);
      prev = r.code;
      if (r.level === 0) {
        if (r.parent !== null) problems.push(`${r.code}: country with parent ${r.parent}`);
      } else {
        const p = r.parent ? byCode.get(r.parent) : undefined;
        if (!p) problems.push(`${r.code}: parent ${r.parent} missing`);
        else {
          if (p.level !== (r.level === 4 ? 3 : r.level - 1)) problems.push(`${r.code}: parent ${p.code} has level ${p.level}`);
          if (p.country !== r.country) problems.push(`${r.code}: parent ${p.code} in ${p.country}`);
          if (!seen.has(p.code)) problems.push(`${r.code}: parent ${p.code} comes later`);
        }
      }
      seen.add(r.code);
    }
    expect(problems).toEqual([]);
  });

  it("places the Stockholm-region municipalities under SE110 Stockholms län", () => {
    for (const [code, name] of [
      ["SE_0114", "Upplands Väsby"],
      ["SE_0163", "Sollentuna"],
      ["SE_0191", "Sigtuna"],
      ["SE_0180", "Stockholm"],
    ]) {
      expect(byCode.get(code)?.name).toBe(name);
      expect(chain(code)).toEqual([code, "SE110", "SE11", "SE1", "SE"]);
      expect(byCode.get(code)!.population).toBeGreaterThan(0);
    }
    expect(byCode.get("SE110")?.name).toBe("Stockholms län");
  });

  it("has the demo municipalities with populations and centres", () => {
    const expected: [string, string, string][] = [
      ["SE_1280", "Malmö", "SE224"],
      ["IT_082053", "Palermo", "ITG12"],
      ["BE_12025", "Mechelen / Malines", "BE212"],
      ["DE_02000000", "Hamburg, Freie und Hansestadt", "DE600"],
      ["ES_08019", "Barcelona", "ES511"],
    ];
    for (const [code, name, parent] of expected) {
      const r = byCode.get(code);
      expect(r, code).toBeDefined();
      expect(r!.name).toBe(name);
      expect(r!.parent).toBe(parent);
      expect(r!.population).toBeGreaterThan(0);
      expect(r!.lon).not.toBeNull();
      expect(r!.lat).not.toBeNull();
    }
  });

  it("represents Lisbon by its 24 parishes under PT1A0 Grande Lisboa", () => {
    const parishes = rows.filter((r) => r.code.startsWith("PT_1106"));
    expect(parishes).toHaveLength(24);
    for (const p of parishes) {
      expect(p.level).toBe(4);
      expect(p.parent).toBe("PT1A0");
      expect(p.population).toBeGreaterThan(0);
    }
    expect(byCode.get("PT1A0")?.name).toBe("Grande Lisboa");
    expect(byCode.get("PT1A0")!.population).toBeGreaterThan(0);
    expect(byCode.get("PT1B0")?.name).toBe("Península de Setúbal");
  });

  it("has France's communes under their départements, with populations", () => {
    const fr = rows.filter((r) => r.country === "FR");
    const communes = fr.filter((r) => r.level === 4);
    expect(communes).toHaveLength(34_945);
    expect(communes.every((r) => r.population !== null && /^FR_[0-9][0-9AB][0-9]{3}$/.test(r.code))).toBe(true);
    // Paris is one commune (its arrondissements are not LAUs), the whole of NUTS 3 FR101.
    expect(byCode.get("FR_75056")?.name).toBe("Paris");
    expect(chain("FR_75056")).toEqual(["FR_75056", "FR101", "FR10", "FR1", "FR"]);
    expect(byCode.get("FR101")!.population).toBe(byCode.get("FR_75056")!.population);
    expect(byCode.get("FR_75056")!.population).toBeGreaterThan(2_000_000);
    // Corsica's 2A/2B, and the overseas départements under their own NUTS 3.
    expect(chain("FR_2A004")).toEqual(["FR_2A004", "FRM01", "FRM0", "FRM", "FR"]);
    expect(byCode.get("FR_97411")?.name).toBe("Saint-Denis");
    expect(byCode.get("FR_97411")?.parent).toBe("FRY40");
    expect(byCode.get("FR_97611")?.parent).toBe("FRY50"); // Mamoudzou, Mayotte
    // Overseas collectivities (no NUTS region) are not in the EU tree.
    expect(communes.some((r) => r.code.startsWith("FR_975") || r.code.startsWith("FR_98"))).toBe(false);
    // Every French NUTS 3 region has communes and a population.
    const nuts3 = fr.filter((r) => r.level === 3);
    expect(nuts3).toHaveLength(101);
    expect(nuts3.every((r) => (r.population ?? 0) > 0)).toBe(true);
    // Big communes have their own centre (GeoNames), near where they are; France has no areas.
    const lyon = byCode.get("FR_69123")!;
    expect(lyon.lon).toBeCloseTo(4.85, 1);
    expect(lyon.lat).toBeCloseTo(45.75, 1);
    expect(fr.every((r) => r.areaKm2 === null)).toBe(true);
    expect(byCode.get("FR")!.population).toBeGreaterThan(67_000_000);
    expect(byCode.get("FR")!.lon).not.toBeNull();
  });

  it("sums to the EU's population, about 450 million, France included", () => {
    const eu = rows.filter((r) => r.level === 0).reduce((a, r) => a + (r.population ?? 0), 0);
    console.log(`EU27 population over the vendored municipalities: ${eu}`);
    expect(eu).toBeGreaterThan(445_000_000);
    expect(eu).toBeLessThan(455_000_000);
    expect(rows.filter((r) => r.level === 0).every((r) => (r.population ?? 0) > 0)).toBe(true);
  });

  it("aggregates LAU populations upwards", () => {
    const sum = rows.filter((r) => r.parent === "SE110").reduce((a, r) => a + (r.population ?? 0), 0);
    expect(byCode.get("SE110")!.population).toBe(sum);
    expect(byCode.get("DE")!.population).toBeGreaterThan(80_000_000);
  });

  it("keeps names in their own script", () => {
    expect(byCode.get("BG341")?.name).toBe("Бургас");
    expect(byCode.get("EL301")?.name).toBe("Βόρειος Τομέας Αθηνών");
    expect(byCode.get("BE100")?.name).toBe("Arr. de Bruxelles-Capitale/Arr. Brussel-Hoofdstad");
  });
});

describe("vendored countries", () => {
  it("has population and GDP for the EU27", async () => {
    const cs = await readCountries();
    expect(cs.map((c) => c.code)).toEqual(EU27);
    for (const c of cs) {
      expect(c.iso3).toMatch(/^[A-Z]{3}$/);
      expect(c.population).toBeGreaterThan(0);
      expect(c.gdpUsd).toBeGreaterThan(0);
      expect(c.populationYear).toBeGreaterThanOrEqual(2020);
      expect(c.gdpYear).toBeGreaterThanOrEqual(2020);
    }
    expect(cs.find((c) => c.code === "EL")?.iso3).toBe("GRC");
  });
});
