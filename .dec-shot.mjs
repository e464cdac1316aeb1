import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
const [,, url, out, full] = process.argv;
await page.goto(url);
await page.screenshot({ path: out, fullPage: full === "full" });
await browser.close();
