/**
 * /api/jobs/:id — the progress of long work (a long action answers 202 `{ jobId }`).
 */
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../app.js";
import { errorResponses } from "../directory/index.js";

export const JobSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  applicationId: z.string().nullable(),
  state: z.enum(["queued", "running", "succeeded", "failed"]),
  done: z.number().int(),
  total: z.number().int().nullable(),
  error: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const jobRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/jobs/:id",
    {
      schema: {
        tags: ["jobs"],
        summary: "Progress and outcome of long work (snapshot refresh, bulk provisioning)",
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: JobSchema, ...errorResponses },
      },
    },
    async (req) => ctx.jobs.get(req.params.id),
  );
};
