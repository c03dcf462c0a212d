/**
 * The demo's SmartLink directory, written through the directory service in one change: users,
 * folders with members, applications, and access both through folders and by direct assignment.
 */
import type { AppContext } from "../app.js";
import type { User } from "../directory/index.js";
import { makePeople, type Person } from "./people.js";

/** The sample application the demo connects to the simulator. */
export const SAMPLE_APP = "Acme SCIM app";

/** Folders, and which applications each gives access to. */
const FOLDERS = [
  {
    name: "Engineering",
    description: "Everyone who builds the product",
    apps: [SAMPLE_APP, "Slack", "GitHub"],
  },
  { name: "Sales", description: "Account executives and their managers", apps: ["Slack"] },
  { name: "Support", description: "Customer support, all tiers", apps: ["Slack", "Zendesk"] },
  { name: "Contractors", description: "External developers and designers", apps: [SAMPLE_APP, "GitHub"] },
  { name: "Leadership", description: "Department leads", apps: [SAMPLE_APP, "Slack"] },
] as const;
type FolderName = (typeof FOLDERS)[number]["name"];

/** The applications: the sample one (connected later) and three that stay unconnected. */
const APPLICATIONS = [
  { name: SAMPLE_APP, url: "https://acme.example" },
  { name: "Slack", url: "https://slack.com" },
  { name: "GitHub", url: "https://github.com" },
  { name: "Zendesk", url: "https://www.zendesk.com" },
] as const;

export interface SeededDirectory {
  appId: string;
  users: Array<User & { person: Person }>;
  folderIds: Record<FolderName, string>;
  applicationIds: Record<string, string>;
  /** Users who reach the sample application, directly or through a folder. */
  withAccess: Set<string>;
  /** Sales users given direct access to the sample application. */
  direct: string[];
}

/** Which folders a person belongs to: their department's (if it has one), and Leadership for leads. */
function foldersOf(p: Person, index: number): FolderName[] {
  const out: FolderName[] = [];
  if (FOLDERS.some((f) => f.name === p.department)) out.push(p.department as FolderName);
  if (/Manager|Lead/.test(p.title) || index % 40 === 0) out.push("Leadership");
  return out;
}

/** Seeds `count` users and everything around them; returns the ids the later steps need. */
export async function seedDirectory(ctx: AppContext, count: number): Promise<SeededDirectory> {
  const people = makePeople(count);
  return ctx.directory.transaction(async (tx) => {
    const applicationIds: Record<string, string> = {};
    for (const a of APPLICATIONS) applicationIds[a.name] = (await tx.applications.create(a)).id;
    const folderIds = {} as Record<FolderName, string>;
    for (const f of FOLDERS) {
      const folder = await tx.folders.create({ name: f.name, description: f.description });
      folderIds[f.name] = folder.id;
      for (const app of f.apps) await tx.folders.addApplication(folder.id, applicationIds[app] as string);
    }
    const users: SeededDirectory["users"] = [];
    const withAccess = new Set<string>();
    const sampleFolders = new Set<string>(
      FOLDERS.filter((f) => f.apps.some((a) => a === SAMPLE_APP)).map((f) => f.name),
    );
    for (const [i, p] of people.entries()) {
      const user = await tx.users.create({
        email: p.email,
        firstName: p.firstName,
        lastName: p.lastName,
        attributes: { department: p.department, title: p.title },
      });
      users.push({ ...user, person: p });
      for (const name of foldersOf(p, i)) {
        await tx.folders.addMember(folderIds[name], user.id);
        if (sampleFolders.has(name)) withAccess.add(user.id);
      }
    }
    // Direct assignments: a few salespeople use the sample app without a folder giving it to them;
    // a few others use Zendesk.
    const sales = users.filter((u) => u.person.department === "Sales" && !withAccess.has(u.id));
    const direct = sales.slice(0, 5).map((u) => u.id);
    for (const id of direct) {
      await tx.applications.assignUser(applicationIds[SAMPLE_APP] as string, id);
      withAccess.add(id);
    }
    for (const u of sales.slice(5, 8))
      await tx.applications.assignUser(applicationIds.Zendesk as string, u.id);
    return {
      appId: applicationIds[SAMPLE_APP] as string,
      users,
      folderIds,
      applicationIds,
      withAccess,
      direct,
    };
  });
}
