// Parse an Atom or RSS document (stdin) with rss-parser, an npm feed parser; print what it read as JSON.
// Exit code 1 with the error on stderr when the document does not parse.
const Parser = require("rss-parser");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  try {
    const feed = await new Parser().parseString(input);
    const items = feed.items.map((item) => ({
      title: item.title, link: item.link, id: item.id || item.guid, date: item.isoDate,
      categories: item.categories || [], author: item.author || item.creator || null,
    }));
    process.stdout.write(JSON.stringify({ title: feed.title, items }));
  } catch (error) {
    process.stderr.write(String(error && error.stack || error));
    process.exit(1);
  }
});
