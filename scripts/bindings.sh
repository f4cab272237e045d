#!/usr/bin/env bash
# `npm run bindings`: the Python, Go, Java and .NET bindings and their API docs, generated as a
# release generates them, and checked for what each language's compiler would reject.
#
#   dist/bindings/<language>/     jsii-pacmak --code-only: the generated sources, not built. None of
#                                 the four builds here: Go and .NET have no toolchain, and the Java
#                                 (Maven) and Python (pip, build) builds download jsii-runtime, cdktf
#                                 and the providers from Maven Central and PyPI.
#   dist/docs/API.<language>.md   jsii-docgen, the @example snippets translated by jsii-rosetta.
#
# Code-only generation writes whatever names the assembly holds (`package a.native;` for a Java
# package "a.native", exit code 0), so each language is checked where its compiler would be: every
# generated Python and Java file is parsed (python3, the JDK's parser), the Go package and C#
# namespace names are checked (identifiers, not keywords), and each registry's package name. jsii
# already rejects target names holding other characters than letters, digits and `_`, and (with
# --fail-on-warnings) member names reserved in a target language.
#
# Needs the compiled assembly (.jsii, from `npm test`; compiled here when missing or stale), python3
# and a JDK (11 or later). Prints one line per language; exits 1 if any language fails.
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist/bindings
docs=dist/docs
logs=$out/logs # each tool's output
languages=(python go java dotnet)
failed=()

for tool in python3 java; do
  command -v "$tool" >/dev/null || { echo "bindings: $tool not found (the parse checks need python3 and a JDK)" >&2; exit 1; }
done

# jsii copies README.md into the assembly, hence the README among the inputs.
if [[ ! -f .jsii || -n "$(find src package.json tsconfig.json README.md -newer .jsii -print -quit)" ]]; then
  echo "bindings: .jsii is missing or older than its sources: jsii --fail-on-warnings"
  npx jsii --fail-on-warnings
fi
rm -rf "$out" "$docs"
mkdir -p "$out" "$docs" "$logs"

# jsii-rosetta compiles every @example once (imports and placeholders: rosetta/default.ts-fixture)
# and translates it into the four languages, into .jsii.tabl.json, which pacmak and docgen read
# instead of compiling each snippet again per language. Every @example must compile; the README's
# snippets are pieces of one app, translated as they are.
if ! npx jsii-rosetta extract >"$logs/rosetta.log" 2>&1; then
  cat "$logs/rosetta.log" >&2
  failed+=(examples)
elif ! node -e '
  const all = Object.values(require("./.jsii.tabl.json").snippets);
  const readme = all.filter((s) => s.location.api.api === "moduleReadme");
  const api = all.filter((s) => s.location.api.api !== "moduleReadme");
  const broken = api.filter((s) => !s.didCompile);
  for (const s of broken) {
    const where = [s.location.api.fqn, s.location.api.memberName].filter(Boolean).join(".");
    console.error(`@example of ${where} does not compile: ${s.translations.$.source.split("\n")[0]} (see ${process.argv[1]})`);
  }
  console.log(`bindings: examples ${broken.length ? "FAILED" : "ok"}: ${api.length - broken.length} of ${api.length} @example snippets compile` +
    ` (README: ${readme.filter((s) => s.didCompile).length} of ${readme.length}, not required)`);
  process.exit(broken.length ? 1 : 0);
' "$logs/rosetta.log"; then
  failed+=(examples)
fi

# pacmak (one run for the four languages) and jsii-docgen (one run per language, which it names
# "csharp" where pacmak says "dotnet"), two at a time: each loads the dependency assemblies (the
# providers' are 390 MB) and takes 1.5-2 GB of memory.
run() {
  local name=$1
  shift
  while (($(jobs -rp | wc -l) >= 2)); do wait -n || true; done
  ("$@" >"$logs/$name.log" 2>&1 && echo 0 >"$logs/$name.rc" || echo 1 >"$logs/$name.rc") &
}
succeeded() {
  [[ $(cat "$logs/$1.rc" 2>/dev/null) == 0 ]] && return 0
  echo "bindings: $1 failed:" >&2
  grep -v '^!!' "$logs/$1.log" | tail -n 40 >&2 # without jsii's Node version banner
  return 1
}
pacmak_args=()
for lang in "${languages[@]}"; do pacmak_args+=(--target "$lang"); done
# --no-npmignore: .npmignore is projen's.
run pacmak npx jsii-pacmak --code-only --no-npmignore --outdir "$out" "${pacmak_args[@]}"
for lang in "${languages[@]}"; do
  doclang=${lang/dotnet/csharp}
  run "docgen-$doclang" npx jsii-docgen --language "$doclang" --output "$docs/API.$doclang.md"
done
wait
succeeded pacmak || failed+=(jsii-pacmak)

files() { find "$1" -type f | wc -l; }

# Python: the distribution name (PEP 508), the import packages (identifiers, not keywords), and
# every generated .py file compiles (python3's own parser).
check_python() {
  python3 - "$out/python" <<'PY'
import json, keyword, pathlib, re, sys
root = pathlib.Path(sys.argv[1])
setup = json.loads(re.search(r'"""(.*?)"""', (root / 'setup.py').read_text(), re.S).group(1))
errors = []
if not re.fullmatch(r'[A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9]', setup['name'], re.I):
    errors.append(f"distribution name {setup['name']!r} is not a PEP 508 name")
for package in setup['packages']:
    if not all(part.isidentifier() and not keyword.iskeyword(part) for part in package.split('.')):
        errors.append(f'package {package!r} cannot be imported: a part is no identifier or is a keyword')
sources = sorted(root.rglob('*.py'))
for source in sources:
    try:
        compile(source.read_text(encoding='utf-8'), str(source), 'exec')
    except SyntaxError as e:
        errors.append(f'{source}:{e.lineno}: {e.msg}')
if errors:
    print('\n'.join(errors[:10]), file=sys.stderr)
print(f"pip install {setup['name']}, import {setup['packages'][0]}; {len(sources)} .py files parsed")
sys.exit(1 if errors else 0)
PY
}

# Java: groupId and artifactId (Maven's DefaultModelValidator ID_REGEX), and every generated .java
# file parses (the JDK's compiler front end, scripts/JavaParse.java).
check_java() {
  local pom=$out/java/pom.xml group artifact package parsed
  group=$(sed -n 's|^  <groupId>\(.*\)</groupId>$|\1|p' "$pom")
  artifact=$(sed -n 's|^  <artifactId>\(.*\)</artifactId>$|\1|p' "$pom")
  for id in "$group" "$artifact"; do
    [[ $id =~ ^[A-Za-z0-9_.-]+$ ]] || { echo "Maven id '$id' holds characters Maven rejects" >&2; return 1; }
  done
  package=$(grep -rhom1 '^package [^;]*' "$out/java/src/main/java" | head -1)
  parsed=$(java scripts/JavaParse.java "$out/java/src/main/java") || return 1
  echo "$group:$artifact, ${package#package }; $parsed"
}

# Go: the module path (golang.org/x/mod/module.CheckPath, simplified: a lower-case domain with a
# dot, then elements of letters, digits and -._~) and every package clause (an identifier, not one
# of the Go spec's 25 keywords). No Go toolchain here to parse the files.
go_keywords=' break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var '
check_go() {
  local module name
  local path_re='^[a-z0-9][a-z0-9-]*([.][a-z0-9-]+)+(/[A-Za-z0-9_~-]([A-Za-z0-9._~-]*[A-Za-z0-9_~-])?)*$'
  module=$(sed -n 's/^module //p' "$out"/go/*/go.mod)
  [[ $module =~ $path_re ]] ||
    { echo "Go module path '$module' is not valid" >&2; return 1; }
  while read -r name; do
    if [[ ! $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ || $go_keywords == *" $name "* ]]; then
      echo "Go package name '$name' is not an identifier or is a keyword" >&2
      return 1
    fi
  done < <(grep -rh --include='*.go' '^package ' "$out/go" | cut -d' ' -f2 | sort -u)
  echo "go get $module"
}

# .NET: the package id (NuGet's PackageIdValidator: ^\w+([_.-]\w+)*$, at most 100 characters) and
# every namespace part (an identifier, not a C# keyword). No .NET toolchain here to parse the files.
cs_keywords=' abstract as base bool break byte case catch char checked class const continue decimal default delegate do double else enum event explicit extern false finally fixed float for foreach goto if implicit in int interface internal is lock long namespace new null object operator out override params private protected public readonly ref return sbyte sealed short sizeof stackalloc static string struct switch this throw true try typeof uint ulong unchecked unsafe ushort using virtual void volatile while '
check_dotnet() {
  local id namespace part
  id=$(sed -n 's|.*<PackageId>\(.*\)</PackageId>.*|\1|p' "$out"/dotnet/*/*.csproj)
  [[ $id =~ ^[A-Za-z0-9_]+([_.-][A-Za-z0-9_]+)*$ && ${#id} -le 100 ]] || { echo "NuGet package id '$id' is not valid" >&2; return 1; }
  while read -r namespace; do
    for part in ${namespace//./ }; do
      if [[ ! $part =~ ^[A-Za-z_][A-Za-z0-9_]*$ || $cs_keywords == *" $part "* ]]; then
        echo "C# namespace '$namespace': '$part' is not an identifier or is a keyword" >&2
        return 1
      fi
    done
  done < <(grep -rhoE --include='*.cs' '^\s*namespace [^ {;]+' "$out/dotnet" | awk '{print $2}' | sort -u)
  echo "dotnet add package $id, namespace $(grep -rhoE --include='*.cs' -m1 '^namespace [^ {;]+' "$out/dotnet" | awk 'NR == 1 {print $2}')"
}

for lang in "${languages[@]}"; do
  doclang=${lang/dotnet/csharp}
  doc="$docs/API.$doclang.md"
  if [[ ! -d $out/$lang ]]; then
    line="FAILED: nothing generated in $out/$lang"
  elif ! detail=$("check_$lang"); then
    line="FAILED: the $lang check above (${detail:-no detail}), $(files "$out/$lang") files in $out/$lang"
  elif ! succeeded "docgen-$doclang" || [[ ! -s $doc ]]; then
    line="FAILED: jsii-docgen --language $doclang (see above); code: $detail"
  else
    line="ok: $detail ($(files "$out/$lang") files in $out/$lang/; docs $doc)"
  fi
  [[ $line == ok:* ]] || failed+=("$lang")
  echo "bindings: $lang $line"
done

if ((${#failed[@]})); then
  echo "bindings: FAILED: ${failed[*]} (after ${SECONDS}s)" >&2
  exit 1
fi
echo "bindings: python, go, java and dotnet generated and checked in ${SECONDS}s"
