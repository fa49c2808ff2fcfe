// The lessons (lessons/*.md, README "Lessons"): every shipped lesson parses, its exercise is a
// case file the engine reads, the starting YAML does NOT pass the exercise (else it is no
// exercise) and the reference solution does. Also the lesson format's errors (named by line)
// and the safe Markdown subset (no link but http(s), no HTML).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as api from "./support/pkg.mjs";
import { parseLesson, checkLesson, LessonError } from "../../web/teach/lesson-parse.js";
import { ExerciseChecker } from "../../web/teach/lesson-check.js";
import { markdownTree, textOf } from "../../web/teach/lesson-markdown.js";

const LESSONS = join(api.root, "lessons");
const index = JSON.parse(readFileSync(join(LESSONS, "index.json"), "utf8"));
const files = readdirSync(LESSONS).filter((name) => name.endsWith(".md")).sort();

test("lessons/index.json lists every lesson file once, in order, with its title", () => {
  assert.deepEqual(index.lessons.map((entry) => entry.file), files);
  assert.ok(files.length >= 8, "a track of about eight lessons");
  for (const entry of index.lessons) {
    assert.equal(entry.id, entry.file.replace(/\.md$/, ""));
    assert.equal(entry.title, parseLesson(readFileSync(join(LESSONS, entry.file), "utf8")).title, entry.file);
  }
});

for (const file of files) {
  test(`lesson ${file}: the starting YAML fails the exercise and the solution passes it`, () => {
    const lesson = parseLesson(readFileSync(join(LESSONS, file), "utf8"));
    const exercise = checkLesson(lesson, api);
    assert.ok(exercise, "every shipped lesson has an exercise");
    assert.ok(exercise.description?.trim(), "the exercise states its goal (description)");
    assert.ok(lesson.solution, "every shipped lesson has a reference solution");
    assert.ok(lesson.hints.length >= 2, "hints");
    assert.ok(lesson.requests.length >= 1, "requests to try");
    assert.match(lesson.docs ?? "", /^https:\/\//, "each lesson cites its docs page");
    const checker = new ExerciseChecker(api);
    try {
      const start = checker.run(lesson, lesson.manifest);
      assert.equal(start.error, null, start.error);
      assert.equal(start.solved, false, "the starting YAML must not already solve the exercise");
      assert.ok(start.failed > 0);
      const solved = checker.run(lesson, lesson.solution);
      assert.equal(solved.error, null, solved.error);
      const failing = solved.results.filter((r) => !r.passed).map((r) => `${r.name}: expected ${r.expected}, got ${r.actual}`);
      assert.deepEqual(failing, [], "the reference solution passes every case");
      assert.equal(solved.solved, true);
      // The same checker, back on the starting YAML (the Simulation is updated, not rebuilt).
      assert.equal(checker.run(lesson, lesson.manifest).solved, false);
    } finally {
      checker.free();
    }
  });
}

test("a lesson's profile applies to its exercise: lesson 9's starting YAML fails under traefik, passes under the spec", () => {
  const lesson = parseLesson(readFileSync(join(LESSONS, "09-traefik-rule-length.md"), "utf8"));
  assert.equal(lesson.profile, "traefik");
  const checker = new ExerciseChecker(api);
  assert.equal(checker.run(lesson, lesson.manifest).solved, false);
  const underSpec = { ...lesson, profile: "spec", exercise: { ...lesson.exercise, text: lesson.exercise.text.replace("profile: traefik\n", "") } };
  assert.equal(checker.run(underSpec, lesson.manifest).solved, true, "the spec routes this YAML as its author meant");
  checker.free();
});

const MINIMAL = "# T\n\n```yaml manifest\nkind: Ingress\n```\n";

test("parse errors name the lesson's line", () => {
  const error = (text) => {
    try {
      parseLesson(text);
    } catch (e) {
      assert.ok(e instanceof LessonError, e.message);
      return e.message;
    }
    assert.fail("no error");
  };
  assert.match(error("# T\n\ntext\n```yaml manifest\nkind: Ingress\n"), /^line 4: the block opened here \(```yaml manifest\) is never closed/);
  assert.match(error("---\ntitle: T\nlevel: 3\n---\n"), /^line 3: unknown front-matter key "level"/);
  assert.match(error("---\ntitle: T\n"), /front matter opened here is never closed/);
  assert.match(error(`${MINIMAL}\n\`\`\`yaml manifest\nx\n\`\`\`\n`), /^line 7: a second manifest block \(the first is at line 3\)/);
  assert.match(error(`${MINIMAL}\`\`\`requests\nhttp://a.example/\njavascript:alert(1)\n\`\`\`\n`), /^line 8: "javascript:alert\(1\)" is not an http\(s\) URL/);
  assert.match(error("just text\n"), /no title/);
  assert.match(error("# T\n"), /no starting YAML/);
  assert.match(error("---\ndocs: javascript:x\n---\n"), /^line 2: docs:/);
});

test("the engine's errors about an exercise are moved to the lesson's lines", () => {
  const lesson = parseLesson(`${MINIMAL}\n\`\`\`yaml exercise\ncases:\n- url: http://a.example/\n  expect: {bogus: 1}\n\`\`\`\n`);
  assert.throws(() => checkLesson(lesson, api), (e) => {
    assert.match(e.message, /line 10, column \d+/, e.message);
    assert.equal(e.line, 10);
    return true;
  });
  const unknownProfile = parseLesson(`---\nprofile: nginx-plus\n---\n${MINIMAL}`);
  assert.throws(() => checkLesson(unknownProfile, api), /profile "nginx-plus" is not one the simulator knows/);
});

test("a YAML with nothing usable is reported, not thrown", () => {
  const lesson = parseLesson(readFileSync(join(LESSONS, files[0]), "utf8"));
  const checker = new ExerciseChecker(api);
  const check = checker.run(lesson, "this is: [not an ingress");
  assert.equal(check.solved, false);
  assert.match(check.error, /cannot/);
  checker.free();
});

test("the Markdown subset: links only to http(s), HTML stays text, emphasis and code", () => {
  const tree = markdownTree("A [doc](https://kubernetes.io/x) and [bad](javascript:alert(1)) <b>bold</b> *em* **strong** `co*de*`\n\n- one\n- two\n\n## Head\n\n```\n<script>x</script>\n```");
  const [p, list, head, pre] = tree;
  assert.equal(p.tag, "p");
  const links = p.children.filter((c) => c.tag === "a");
  assert.deepEqual(links.map((a) => a.attrs.href), ["https://kubernetes.io/x"]);
  assert.ok(textOf(p).includes("<b>bold</b>"), "HTML is shown as text");
  assert.deepEqual(p.children.filter((c) => c.tag).map((c) => c.tag), ["a", "em", "strong", "code"]);
  assert.equal(list.tag, "ul");
  assert.deepEqual(list.children.map(textOf), ["one", "two"]);
  assert.equal(head.tag, "h4", "## is h4: the lesson's title is the panel's h2");
  assert.equal(pre.tag, "pre");
  assert.equal(textOf(pre), "<script>x</script>");
});
