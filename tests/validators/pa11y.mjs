// pa11y (HTML_CodeSniffer, WCAG 2 AA) on each address given, with one browser (Debian's chromium: the
// CHROMIUM environment variable). Prints {address: [issue, ...]} as JSON; only errors are counted.
import pa11y from "pa11y";
import puppeteer from "puppeteer";

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
  headless: true,
});
const found = {};
try {
  for (const url of process.argv.slice(2)) {
    const page = await browser.newPage();
    const result = await pa11y(url, { browser, page, standard: "WCAG2AA", runners: ["htmlcs"], timeout: 60000 });
    found[url] = result.issues
      .filter((issue) => issue.type === "error")
      .map((issue) => `${issue.code}: ${issue.selector}: ${issue.message}`);
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(found));
