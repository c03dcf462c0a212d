/**
 * The demo's people: a deterministic, varied staff list (names from many languages, departments,
 * titles), so every demo run and every test sees the same directory without any data file.
 */

/** One person of the demo company, before they become a SmartLink user. */
export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  department: Department;
  title: string;
}

export const DEPARTMENTS = [
  "Engineering",
  "Sales",
  "Support",
  "Marketing",
  "Finance",
  "Contractors",
] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** The company's email domain (RFC 2606 reserves `.example`, so nothing real is ever addressed). */
export const DOMAIN = "northwind.example";

const FIRST: readonly string[] = [
  "Amara Lucas Sofia Mateo Yuki Noah Aisha Liam Mei Ethan Priya Oliver Fatima Elias Chloé",
  "Kwame Ingrid Diego Hana Samuel Zara Tomasz Leila Arjun Nora Kenji Isabel Omar Freya",
  "Malik Camille Rafael Anya Hugo Nia Sven Lucía Ravi Elif Jonas Maya Thabo Greta Luca",
  "Ayumi Felix Imani Pablo Sana Henrik",
]
  .join(" ")
  .split(" ");

const LAST: readonly string[] = [
  "Okafor Schmidt Rossi García Tanaka Nguyen Haddad Kowalski Chen Larsen Patel Dubois",
  "Mensah Johansson Silva Kim Novak Fernández Ivanova Müller O'Brien Sato Cohen Andersen",
  "Moreau Abebe Petrov Costa Yilmaz Murphy Lindqvist Romero Kaur Bianchi Achterberg Wójcik",
  "Hoffmann Santos Nakamura Diallo",
]
  .join(" ")
  .split(" ");

const TITLES: Record<Department, readonly string[]> = {
  Engineering: [
    "Software Engineer",
    "Senior Software Engineer",
    "Site Reliability Engineer",
    "Engineering Manager",
  ],
  Sales: ["Account Executive", "Sales Development Rep", "Sales Manager"],
  Support: ["Support Specialist", "Support Engineer", "Support Lead"],
  Marketing: ["Content Marketer", "Product Marketing Manager"],
  Finance: ["Accountant", "Financial Analyst"],
  Contractors: ["Contract Developer", "Contract Designer"],
};

/** How many of each department, in this order (sums to the default 200). */
const SHARES: Array<[Department, number]> = [
  ["Engineering", 0.35],
  ["Sales", 0.22],
  ["Support", 0.18],
  ["Marketing", 0.08],
  ["Finance", 0.05],
  ["Contractors", 0.12],
];

/** mulberry32: a small seeded PRNG, so the list is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lower-case ASCII for an email local part: accents dropped, apostrophes and spaces removed. */
export function emailPart(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * `count` distinct people (at most FIRST × LAST = 2,000), grouped by department in the order of
 * {@link SHARES}; `seed` picks another, equally deterministic company.
 */
export function makePeople(count: number, seed = 6): Person[] {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const used = new Set<string>();
  const people: Person[] = [];
  for (let i = 0; people.length < count; i++) {
    if (i > count * 50) throw new Error(`cannot make ${count} distinct people`);
    const firstName = pick(FIRST);
    const lastName = pick(LAST);
    const local = `${emailPart(firstName)}.${emailPart(lastName)}`;
    if (used.has(local)) continue;
    used.add(local);
    people.push({ firstName, lastName, email: `${local}@${DOMAIN}`, department: "Engineering", title: "" });
  }
  // Departments by position, so each gets its share whatever `count` is.
  let start = 0;
  for (const [index, [department, share]] of SHARES.entries()) {
    const end = index === SHARES.length - 1 ? count : start + Math.round(count * share);
    for (const p of people.slice(start, end)) {
      p.department = department;
      p.title = pick(TITLES[department]);
    }
    start = end;
  }
  return people;
}

/** People who left the company: accounts in the target that no SmartLink user matches. */
export function makeFormerStaff(count: number): Array<Pick<Person, "firstName" | "lastName" | "email">> {
  const rand = prng(99);
  return Array.from({ length: count }, (_, i) => {
    const firstName = FIRST[Math.floor(rand() * FIRST.length)] as string;
    const lastName = LAST[Math.floor(rand() * LAST.length)] as string;
    // A numbered local part never collides with a current employee's `first.last`.
    return { firstName, lastName, email: `${emailPart(firstName)}.${emailPart(lastName)}${i + 1}@${DOMAIN}` };
  });
}
