// The fixed tables of scripts/build-territories.ts: the EU27 and the NUTS 2021 -> 2024
// concordance with its witnesses (data, read by the build; kept apart so the build reads as steps).
// ---------------------------------------------------------------------------------------------
// Reference data: the EU27 (NUTS country codes: EL for Greece), English names, ISO 3166 alpha-3
// ---------------------------------------------------------------------------------------------
export const EU27: Record<string, { name: string; iso3: string }> = {
  AT: { name: "Austria", iso3: "AUT" },
  BE: { name: "Belgium", iso3: "BEL" },
  BG: { name: "Bulgaria", iso3: "BGR" },
  CY: { name: "Cyprus", iso3: "CYP" },
  CZ: { name: "Czechia", iso3: "CZE" },
  DE: { name: "Germany", iso3: "DEU" },
  DK: { name: "Denmark", iso3: "DNK" },
  EE: { name: "Estonia", iso3: "EST" },
  EL: { name: "Greece", iso3: "GRC" },
  ES: { name: "Spain", iso3: "ESP" },
  FI: { name: "Finland", iso3: "FIN" },
  FR: { name: "France", iso3: "FRA" },
  HR: { name: "Croatia", iso3: "HRV" },
  HU: { name: "Hungary", iso3: "HUN" },
  IE: { name: "Ireland", iso3: "IRL" },
  IT: { name: "Italy", iso3: "ITA" },
  LT: { name: "Lithuania", iso3: "LTU" },
  LU: { name: "Luxembourg", iso3: "LUX" },
  LV: { name: "Latvia", iso3: "LVA" },
  MT: { name: "Malta", iso3: "MLT" },
  NL: { name: "Netherlands", iso3: "NLD" },
  PL: { name: "Poland", iso3: "POL" },
  PT: { name: "Portugal", iso3: "PRT" },
  RO: { name: "Romania", iso3: "ROU" },
  SE: { name: "Sweden", iso3: "SWE" },
  SI: { name: "Slovenia", iso3: "SVN" },
  SK: { name: "Slovakia", iso3: "SVK" },
};

// ---------------------------------------------------------------------------------------------
// NUTS 2021 -> NUTS 2024 concordance for the LAUs' nuts_3 codes
// ---------------------------------------------------------------------------------------------
// The LAU 2020 file gives each municipality its NUTS 2021 level-3 region. 49 of those codes
// (DE, FI, LV, NL, PT) no longer exist in NUTS 2024. Every other nuts_3 code is used unchanged.
//
// How each entry was established, and checked on every build:
//  * `label`:   the 2024 label of the new code, asserted against the NUTS 2024 file. For the 1:1
//               entries it is the same region name the old code carried in NUTS 2021.
//  * `witness`: a LAU that must be found under the OLD code in the LAU file (proves that the old
//               code is the region we think it is; the old labels are not in the sources).
//
// 1:1 successors (same region under a new code; boundary adjustments that happened after the
// LAU 2020 snapshot are, by construction, not visible at this granularity):
//  DE  Thüringen 2024 recoding: districts renumbered after the Eisenach merger (2021) and
//      boundary changes; each LAU's AGS district key (first 5 digits of lau_id) was checked to be
//      the district named in the label.
//  FI  Länsi-Suomi, Etelä-Suomi, Pohjois- ja Itä-Suomi maakunnat recoded because three
//      municipalities changed region on 1 January 2021 (see FI_TRANSFERS below).
//  NL  COROP regions recoded: NUTS-2 Utrecht (NL31 -> NL35) and Zuid-Holland (NL33 -> NL36) got
//      new codes (Vijfheerenlanden, already under Utrecht in LAU 2020), and the COROP 2022
//      revision in Groningen, Friesland, Noord-Holland and Noord-Brabant.
//  PT  NUTS 2024 re-drew Portugal's NUTS-2: Centro (PT16 -> PT19), Alentejo (PT18 -> PT1C) and the
//      new Oeste e Vale do Tejo (PT1D: Oeste, Médio Tejo, Lezíria do Tejo). NUTS-3 contents
//      unchanged except the split of the Lisbon metropolitan area (below).
//
// Splits (one old region, several 2024 regions) are decided per LAU in `remap()` below:
//  PT170 Área Metropolitana de Lisboa -> PT1A0 Grande Lisboa (north bank of the Tagus) and
//        PT1B0 Península de Setúbal (south bank). Evidence from the data itself: the parish code
//        (lau_id, DICOFRE) starts with the district: 11 = Lisboa district (Amadora, Cascais,
//        Lisboa, Loures, Mafra, Odivelas, Oeiras, Sintra, Vila Franca de Xira: exactly Grande
//        Lisboa), 15 = Setúbal district (Alcochete, Almada, Barreiro, Moita, Montijo, Palmela,
//        Seixal, Sesimbra, Setúbal: exactly Península de Setúbal). Any other district fails.
//  LV006 Rīga + LV007 Pierīga -> on 1 January 2024 Riga and Pierīga became one statistical
//        region LV00A Rīga, while Kurzeme (LV003 -> LV00B) and Vidzeme (LV008 -> LV00C) were
//        redrawn (Latgale LV005 and Zemgale LV009 kept their codes, so they did not change).
//        The redrawing follows the 2021 administrative-territorial reform: the new Tukuma novads
//        (old Tukums, Engure, Jaunpils, Kandava) went to Kurzeme, the new Limbažu novads (old
//        Limbaži, Aloja, Salacgrīva) and Ogres novads (old Ogre, Ikšķile, Ķegums, Lielvārde) to
//        Vidzeme; all other Pierīga units to Rīga. This is the best evidence available (the
//        sources hold no post-2021 municipality list for Latvia); see LV_PIERIGA_OUT.
export const CONCORDANCE: Record<string, { to: string; label: string; witness: string }> = {
  // Germany, Thüringen
  DEG04: { to: "DEG0S", label: "Suhl, Kreisfreie Stadt", witness: "Suhl, Stadt" },
  DEG0B: { to: "DEG0Q", label: "Schmalkalden-Meiningen", witness: "Breitungen/Werra" },
  DEG0F: { to: "DEG0T", label: "Ilm-Kreis", witness: "Arnstadt, Stadt" },
  DEG0H: { to: "DEG0V", label: "Sonneberg", witness: "Lauscha, Stadt" },
  DEG0I: { to: "DEG0U", label: "Saalfeld-Rudolstadt", witness: "Bad Blankenburg, Stadt" },
  // Eisenach (kreisfreie Stadt) merged into the Wartburgkreis on 1 July 2021.
  DEG0N: { to: "DEG0R", label: "Wartburgkreis", witness: "Eisenach, Stadt" },
  DEG0P: { to: "DEG0R", label: "Wartburgkreis", witness: "Bad Salzungen, Stadt" },
  // Finland
  FI193: { to: "FI198", label: "Keski-Suomi", witness: "Jyväskylä" },
  FI194: { to: "FI199", label: "Etelä-Pohjanmaa", witness: "Ilmajoki" },
  FI195: { to: "FI19A", label: "Pohjanmaa", witness: "Korsnäs" },
  FI197: { to: "FI19B", label: "Pirkanmaa", witness: "Akaa" },
  FI1C3: { to: "FI1C6", label: "Päijät-Häme", witness: "Hollola" },
  FI1C4: { to: "FI1C7", label: "Kymenlaakso", witness: "Kotka" },
  FI1D1: { to: "FI1DA", label: "Etelä-Savo", witness: "Hirvensalmi" },
  FI1D2: { to: "FI1DB", label: "Pohjois-Savo", witness: "Kiuruvesi" },
  FI1D3: { to: "FI1DC", label: "Pohjois-Karjala", witness: "Joensuu" },
  // Latvia (LV007 is a split, handled in remap(); this is its default successor)
  LV003: { to: "LV00B", label: "Kurzeme", witness: "Liepāja" },
  LV006: { to: "LV00A", label: "Rīga", witness: "Rīga" },
  LV007: { to: "LV00A", label: "Rīga", witness: "Jūrmala" },
  LV008: { to: "LV00C", label: "Vidzeme", witness: "Valmiera" },
  // Netherlands (COROP regions)
  NL111: { to: "NL114", label: "Oost-Groningen", witness: "Stadskanaal" },
  NL113: { to: "NL115", label: "Overig Groningen", witness: "Groningen" },
  NL124: { to: "NL127", label: "Noord-Friesland", witness: "Leeuwarden" },
  NL125: { to: "NL128", label: "Zuidwest-Friesland", witness: "Súdwest-Fryslân" },
  NL310: { to: "NL350", label: "Utrecht", witness: "Utrecht" },
  NL324: { to: "NL32A", label: "Agglomeratie Haarlem", witness: "Haarlem" },
  NL329: { to: "NL32B", label: "Groot-Amsterdam", witness: "Amsterdam" },
  NL332: { to: "NL361", label: "Agglomeratie ’s-Gravenhage", witness: "'s-Gravenhage" },
  NL333: { to: "NL362", label: "Delft en Westland", witness: "Delft" },
  NL337: { to: "NL363", label: "Agglomeratie Leiden en Bollenstreek", witness: "Leiden" },
  NL33A: { to: "NL364", label: "Zuidoost-Zuid-Holland", witness: "Dordrecht" },
  NL33B: { to: "NL365", label: "Oost-Zuid-Holland", witness: "Gouda" },
  NL33C: { to: "NL366", label: "Groot-Rijnmond", witness: "Rotterdam" },
  NL412: { to: "NL415", label: "Midden-Noord-Brabant", witness: "Tilburg" },
  NL413: { to: "NL416", label: "Noordoost-Noord-Brabant", witness: "'s-Hertogenbosch" },
  // Portugal
  PT16B: { to: "PT1D1", label: "Oeste", witness: "Benedita" },
  PT16D: { to: "PT191", label: "Região de Aveiro", witness: "Fermentelos" },
  PT16E: { to: "PT192", label: "Região de Coimbra", witness: "Luso" },
  PT16F: { to: "PT193", label: "Região de Leiria", witness: "Alvaiázere" },
  PT16G: { to: "PT194", label: "Viseu Dão Lafões", witness: "Cortiçada" },
  PT16H: { to: "PT195", label: "Beira Baixa", witness: "Alcains" },
  PT16I: { to: "PT1D2", label: "Médio Tejo", witness: "Pedrógão Pequeno" },
  PT16J: { to: "PT196", label: "Beiras e Serra da Estrela", witness: "Caria" },
  PT170: { to: "PT1A0", label: "Grande Lisboa", witness: "Alcabideche" }, // split, see remap()
  PT181: { to: "PT1C1", label: "Alentejo Litoral", witness: "Sabóia" },
  PT184: { to: "PT1C2", label: "Baixo Alentejo", witness: "Ervidel" },
  PT185: { to: "PT1D3", label: "Lezíria do Tejo", witness: "Azambuja" },
  PT186: { to: "PT1C3", label: "Alto Alentejo", witness: "Alter do Chão" },
  PT187: { to: "PT1C4", label: "Alentejo Central", witness: "Santiago Maior" },
};

/**
 * Finland: municipalities that changed maakunta (and so NUTS 3) on 1 January 2021, after the
 * NUTS 2021 classification was fixed; they are the reason the 2024 codes changed.
 * Keyed by gisco_id, with the LAU name asserted.
 */
export const FI_TRANSFERS: Record<string, { name: string; from: string; to: string }> = {
  // Kuhmoinen: Keski-Suomi -> Pirkanmaa
  FI_291: { name: "Kuhmoinen", from: "FI193", to: "FI19B" },
  // Heinävesi: Etelä-Savo -> Pohjois-Karjala
  FI_090: { name: "Heinävesi", from: "FI1D1", to: "FI1DC" },
  // Iitti: Kymenlaakso -> Päijät-Häme
  FI_142: { name: "Iitti", from: "FI1C4", to: "FI1C6" },
};

/** Latvia, old Pierīga (LV007) LAUs that did not go to LV00A Rīga (see comment above). */
export const LV_PIERIGA_OUT: Record<string, { name: string; to: string }> = {
  // new Tukuma novads -> Kurzeme
  LV_0900200: { name: "Tukuma novads", to: "LV00B" },
  LV_0905100: { name: "Engures novads", to: "LV00B" },
  LV_0905700: { name: "Jaunpils novads", to: "LV00B" },
  LV_0901201: { name: "Kandavas novads", to: "LV00B" },
  // new Limbažu novads -> Vidzeme
  LV_0660200: { name: "Limbažu novads", to: "LV00C" },
  LV_0661000: { name: "Alojas novads", to: "LV00C" },
  LV_0661400: { name: "Salacgrīvas novads", to: "LV00C" },
  // new Ogres novads -> Vidzeme
  LV_0740202: { name: "Ogres novads", to: "LV00C" },
  LV_0740600: { name: "Ikšķiles novads", to: "LV00C" },
  LV_0741001: { name: "Ķeguma novads", to: "LV00C" },
  LV_0741401: { name: "Lielvārdes novads", to: "LV00C" },
};
