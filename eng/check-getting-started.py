#!/usr/bin/env python3
"""Follows docs/getting-started.md verbatim in a temporary folder: runs each ```bash block, writes the C# files it
shows, starts the server the way the guide does, and compares the client calls' output with the guide's. Prints one
line per step and ends with "getting started: N passed, N failed"."""
import os, re, subprocess, sys, tempfile, time, socket, signal

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
text = open(os.path.join(root, "docs", "getting-started.md"), encoding="utf-8").read()
blocks = re.findall(r"```(\w*)\n(.*?)```", text, re.S)
work = tempfile.mkdtemp(prefix="serow-getting-started-")
env = dict(os.environ, SEROW=root, DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1")
passed = failed = 0
cwd = work
server = None

def result(ok, what, detail=""):
    global passed, failed
    print(("  ok   " if ok else "  FAIL ") + what + ("" if ok else ": " + detail))
    if ok: passed += 1
    else: failed += 1

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0)); return s.getsockname()[1]

csharp = [code for lang, code in blocks if lang == "csharp"]
files = {"design/TickerDesign.cs": csharp[0], "Hello.Server/TickerService.cs": csharp[1]}
grpc_port, http_port = free_port(), free_port()
try:
    for index, (lang, code) in enumerate(blocks):
        if lang != "bash":
            continue
        expected = blocks[index + 1][1] if index + 1 < len(blocks) and blocks[index + 1][0] == "" else None
        for command in [c.strip() for c in code.strip().splitlines()]:
            command = command.split("  #")[0].strip()
            if not command or command.startswith("export SEROW"):
                continue
            # The guide's own ports may be busy on a shared machine: the same commands on free ports.
            if command == "dotnet run --project Hello.Server":
                command += f" -- --GrpcPort {grpc_port} --HttpPort {http_port}"
                server = subprocess.Popen(command, shell=True, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
                lines, deadline = [], time.time() + 180
                while time.time() < deadline:
                    line = server.stdout.readline()
                    if not line: break
                    lines.append(line)
                    if "is serving" in line: break
                result(any("is serving" in l for l in lines), command, "".join(lines[-20:]))
                continue
            if command.startswith("dotnet run --project Hello.Client"):
                transport_url = f"http://127.0.0.1:{http_port}" if "--transport http" in command else f"http://127.0.0.1:{grpc_port}"
                command = command.replace("Hello.Client --", f"Hello.Client -- --url {transport_url}", 1)
            if " && cd " in command:
                command, target = command.split(" && cd ", 1)
                subprocess.run(command, shell=True, cwd=cwd, env=env, check=True)
                cwd = os.path.join(cwd, target.strip())
                result(os.path.isdir(cwd), command + " && cd " + target)
                continue
            run = subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
            out = (run.stdout + run.stderr).strip()
            if expected is not None and "--help" not in command and "…" not in expected and "Client" in command:
                result(out.splitlines()[-len(expected.strip().splitlines()):] == expected.strip().splitlines(), command, out[-800:])
            else:
                result(run.returncode == 0 or "--to 0" in command, command, out[-800:])
            # Write the C# files the guide shows once their folder exists.
            for path, content in list(files.items()):
                folder = os.path.join(cwd, os.path.dirname(path))
                if os.path.isdir(folder) and (path.startswith("design") or os.path.exists(os.path.join(cwd, path))):
                    if path.startswith("Hello.Server") or not os.path.exists(os.path.join(cwd, path)):
                        open(os.path.join(cwd, path), "w", encoding="utf-8").write(content)
                        del files[path]
finally:
    if server is not None:
        os.killpg(server.pid, signal.SIGTERM)
print(f"getting started: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
