/**
 * The HTML rendering of a trace, opened in headless Chromium (Debian's, driven by
 * playwright-core): the page draws its diagram with nothing fetched, one lifeline
 * per node, one arrow per message, and the violation highlighted. Skipped only
 * where Chromium is absent outside CI; in CI (CI set) it must run.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { mutantTraceOf, runReplay, writeTemp } from "../../support/replay-cli.js";

const chromiumPath = "/usr/bin/chromium";
const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

describe("replay --render html in a browser", function () {
  let browser: BrowserContext | null = null;
  let profile = "";

  before(async function () {
    if (!fs.existsSync(chromiumPath) && process.env["CI"] === undefined) this.skip();
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "byzcommit-chromium-"));
    // A fresh profile: playwright passes it to Chromium as --user-data-dir.
    browser = await chromium.launchPersistentContext(profile,
      { executablePath: chromiumPath, args: chromiumArgs, headless: true });
  });

  after(async () => {
    await browser?.close();
    if (profile !== "") fs.rmSync(profile, { recursive: true, force: true });
  });

  it("draws the sequence diagram itself: lifelines, arrows, the Byzantine lane and the violation", async () => {
    const out = writeTemp("trace.html", "");
    // A trace with a Byzantine lane, decisions and a split: vote-after-view-change's (agreement, 50 steps).
    const trace = mutantTraceOf("vote-after-view-change");
    assert.ok(trace !== null, "traces/mutants/ holds a vote-after-view-change trace");
    const r = runReplay([trace, "--render", "html", "--out", out]);
    assert.equal(r.status, 1, r.stderr);
    const page = await (browser as BrowserContext).newPage();
    const fetched: string[] = [];
    page.on("request", (request) => { if (request.url() !== pathToFileURL(out).href) fetched.push(request.url()); });
    await page.goto(pathToFileURL(out).href);
    const svg = page.locator("svg#sequence");
    await svg.waitFor({ state: "visible" });
    const box = await svg.boundingBox();
    assert.ok(box !== null && box.width > 600 && box.height > 400, `diagram box ${JSON.stringify(box)}`);
    assert.ok(await page.locator("svg#sequence .lifeline").count() >= 5); // C, P0..P3 (and the client when it submits)
    const lanes = await page.locator("svg#sequence .lane-name").allTextContents();
    for (const lane of ["P0", "P1", "P2", "P3 (byzantine)"]) {
      assert.ok(lanes.includes(lane), `lane ${lane} in ${lanes.join(", ")}`);
    }
    assert.ok(lanes.some((l) => l.startsWith("C")), "the coordinator's lane");
    assert.ok(await page.locator("svg#sequence .lane.faulty").count() >= 1); // P3, and C when it is Byzantine
    const arrows = await page.locator("svg#sequence .message").count();
    assert.ok(arrows >= 10, `${arrows} message arrows`);
    assert.ok(await page.locator("svg#sequence .message.byzantine, svg#sequence .message.replay").count() >= 1);
    assert.ok(await page.locator("svg#sequence .note.decide").count() >= 1);
    const violation = page.locator("svg#sequence .note.violation");
    assert.equal(await violation.count(), 1);
    assert.ok(await violation.isVisible());
    assert.match(await violation.textContent() ?? "", /VIOLATION of [a-z -]+/);
    assert.match(await page.locator("p.verdict").textContent() ?? "", /^REPRODUCED: [a-z -]+/);
    assert.deepEqual(fetched, [], "the page fetched nothing");
    await page.close();
  });
});
