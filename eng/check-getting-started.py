#!/usr/bin/env python3
"""Follows docs/getting-started.md verbatim in a temporary folder, as a user with Serow's packages would: packs the
packages of this checkout into a local feed (the user's NuGet source), runs each ```bash block, writes the C# files the
guide shows, starts the host the way the guide does (on free ports), and compares the client calls' output with the
guide's. Prints one line per step and ends with "getting started: N passed, N failed"."""
import glob, os, re, shutil, signal, socket, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
text = open(os.path.join(root, "docs", "getting-started.md"), encoding="utf-8").read()
blocks = re.findall(r"```(\w*)\n(.*?)```", text, re.S)
temp = tempfile.mkdtemp(prefix="serow-getting-started-")
feed, hive, work = (os.path.join(temp, name) for name in ("feed", "hive", "work"))
os.makedirs(work)
env = dict(os.environ, DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1")
passed = failed = 0
cwd = work
host = None

def result(ok, what, detail=""):
    global passed, failed
    print(("  ok   " if ok else "  FAIL ") + what + ("" if ok else ": " + detail), flush=True)
    if ok: passed += 1
    else: failed += 1

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0)); return s.getsockname()[1]

def version():
    props = open(os.path.join(root, "Directory.Build.props"), encoding="utf-8").read()
    return re.search(r"<Version>([^<]+)</Version>", props).group(1)

try:
    # The packages of this checkout, as the user's NuGet source; the NuGet cache must not hold older builds of them.
    run = subprocess.run(["dotnet", "pack", os.path.join(root, "eng", "packages.slnf"), "-c", "Release", "-o", feed],
                         cwd=root, env=env, capture_output=True, text=True, timeout=900)
    result(run.returncode == 0, "dotnet pack eng/packages.slnf (the local feed)", (run.stdout + run.stderr)[-2000:])
    for cached in glob.glob(os.path.expanduser(f"~/.nuget/packages/serow.*/{version()}")):
        shutil.rmtree(cached, ignore_errors=True)
    with open(os.path.join(work, "nuget.config"), "w", encoding="utf-8") as config:
        config.write(f"""<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="serow-local" value="{feed}" />
  </packageSources>
</configuration>
""")

    csharp = [code for lang, code in blocks if lang == "csharp"]
    pending = {"Hello.Design/HelloDesign.cs": csharp[0], "Hello.Service/QuotesService.cs": csharp[1]}
    grpc_port, http_port = free_port(), free_port()
    ports = lambda s: s.replace("127.0.0.1:8090", f"127.0.0.1:{grpc_port}").replace("127.0.0.1:8080", f"127.0.0.1:{http_port}")
    for index, (lang, code) in enumerate(blocks):
        if lang != "bash":
            continue
        expected = blocks[index + 1][1] if index + 1 < len(blocks) and blocks[index + 1][0] == "" else None
        for command in [c.strip() for c in code.strip().splitlines() if c.strip()]:
            shown = command
            # The template store is the run's own, so that the user's installed templates stay untouched.
            if command.startswith("dotnet new install "):
                command += f" --add-source {feed} --debug:custom-hive {hive}"
            elif command.startswith("dotnet new "):
                command = command.replace(" && cd ", f" --debug:custom-hive {hive} && cd ", 1) if " && cd " in command else command + f" --debug:custom-hive {hive}"
            # The guide's ports may be busy on a shared machine: the same commands on free ports.
            if command == "dotnet run --project Hello.Host":
                command += f" -- --GrpcPort {grpc_port} --HttpPort {http_port}"
                host = subprocess.Popen(command, shell=True, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
                lines, deadline = [], time.time() + 300
                while time.time() < deadline:
                    line = host.stdout.readline()
                    if not line: break
                    lines.append(line)
                    if line.startswith("Serving gRPC on"): break
                serving = next((l.strip() for l in lines if l.startswith("Serving gRPC on")), None)
                result(serving is not None and expected is not None and serving == ports(expected.strip()), shown, "".join(lines[-20:]))
                continue
            if command.startswith("dotnet run --project Hello.Client"):
                if "--url " in command:
                    command = ports(command)
                else:
                    url = f"http://127.0.0.1:{http_port if '--transport http' in command else grpc_port}"
                    command = command.replace("Hello.Client --", f"Hello.Client -- --url {url}", 1)
            if " && cd " in command:
                command, target = command.split(" && cd ", 1)
                run = subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
                cwd = os.path.join(cwd, target.strip())
                result(run.returncode == 0 and os.path.isdir(cwd), shown, (run.stdout + run.stderr)[-2000:])
            else:
                run = subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
                out = (run.stdout + run.stderr).strip()
                if expected is not None and "--help" not in command and "Hello.Client" in command:
                    want = ports(expected.strip()).splitlines()
                    result(out.splitlines()[-len(want):] == want, shown, out[-1500:])
                else:
                    result(run.returncode == 0, shown, out[-2000:])
            # The C# files the guide shows replace the template's once their folder exists.
            for path, content in list(pending.items()):
                if os.path.isdir(os.path.join(cwd, os.path.dirname(path))):
                    open(os.path.join(cwd, path), "w", encoding="utf-8").write(content)
                    del pending[path]
finally:
    if host is not None:
        os.killpg(host.pid, signal.SIGTERM)
    shutil.rmtree(temp, ignore_errors=True)
print(f"getting started: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
