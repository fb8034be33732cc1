using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace CytoViability.Reports.Tests.Browser;

/// <summary>
/// One chromium driven over its DevTools protocol on --remote-debugging-pipe: JSON messages, each ended by a NUL
/// byte, that the browser reads on fd 3 and writes on fd 4. A .NET child gets only stdin and stdout, so /bin/sh moves
/// them to 3 and 4 before it becomes chromium. When the test host ends, however it ends, the pipe closes and the
/// browser exits with it: no browser outlives the tests.
/// </summary>
internal sealed class DevToolsPipe : IDisposable
{
    private readonly Process _browser;
    private readonly Stream _commands;
    private readonly string _profile;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _replies = new();
    private readonly ConcurrentDictionary<string, Action<string, JsonElement>> _sessions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly ConcurrentQueue<string> _stderr = new();
    private int _lastId;
    private volatile IOException? _gone;

    private DevToolsPipe(Process browser, string profile)
    {
        _browser = browser;
        _profile = profile;
        _commands = browser.StandardInput.BaseStream;
        new Thread(ReadReplies) { IsBackground = true, Name = "chromium DevTools pipe" }.Start();
    }

    /// <summary>Starts headless chromium with a new profile folder, no GPU and no network features.</summary>
    public static DevToolsPipe Start(string executable, IEnumerable<string> flags)
    {
        var profile = Path.Combine(Path.GetTempPath(), "cv-chromium-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" 3<&0 4>&1 </dev/null >/dev/null");
        start.ArgumentList.Add(executable);
        foreach (var flag in flags)
        {
            start.ArgumentList.Add(flag);
        }

        start.ArgumentList.Add("--remote-debugging-pipe");
        start.ArgumentList.Add("--user-data-dir=" + profile);
        start.ArgumentList.Add("about:blank");
        Directory.CreateDirectory(profile);
        var browser = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        var pipe = new DevToolsPipe(browser, profile);

        // Chromium logs freely to stderr (D-Bus, fonts); it is kept only to explain a browser that dies.
        browser.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                pipe._stderr.Enqueue(text);
                while (pipe._stderr.Count > 40 && pipe._stderr.TryDequeue(out string? _))
                {
                }
            }
        };
        browser.BeginErrorReadLine();
        return pipe;
    }

    /// <summary>Sends a command (to the browser, or to a page's session) and returns its result.</summary>
    public async Task<JsonElement> Call(string method, Action<Utf8JsonWriter>? parameters = null, string? session = null)
    {
        var id = Interlocked.Increment(ref _lastId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _replies[id] = reply;
        if (_gone is { } gone && _replies.TryRemove(id, out _))
        {
            throw gone;
        }

        var message = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(message))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteString("method", method);
            if (session is not null)
            {
                writer.WriteString("sessionId", session);
            }

            writer.WriteStartObject("params");
            parameters?.Invoke(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        await _writing.WaitAsync();
        try
        {
            await _commands.WriteAsync(message.WrittenMemory);
            await _commands.WriteAsync(new byte[] { 0 });
            await _commands.FlushAsync();
        }
        finally
        {
            _writing.Release();
        }

        return await reply.Task;
    }

    /// <summary>Routes the events of a page's session to <paramref name="onEvent"/> (method name, parameters).</summary>
    public void Listen(string session, Action<string, JsonElement> onEvent) => _sessions[session] = onEvent;

    public void StopListening(string session) => _sessions.TryRemove(session, out _);

    /// <summary>Closes the browser, waits for it and removes its profile folder.</summary>
    public void Dispose()
    {
        try
        {
            Call("Browser.close").Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // A browser that is gone already closed its end of the pipe.
        }

        if (!_browser.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _browser.Kill(entireProcessTree: true);
            _browser.WaitForExit();
        }

        _browser.Dispose();
        Directory.Delete(_profile, recursive: true);
    }

    private void ReadReplies()
    {
        var output = _browser.StandardOutput.BaseStream;
        var pending = new ArrayBufferWriter<byte>();
        var chunk = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = output.Read(chunk)) > 0)
            {
                var start = 0;
                for (var i = 0; i < read; i++)
                {
                    if (chunk[i] != 0)
                    {
                        continue;
                    }

                    pending.Write(chunk.AsSpan(start, i - start));
                    Dispatch(pending.WrittenMemory);
                    pending.ResetWrittenCount();
                    start = i + 1;
                }

                pending.Write(chunk.AsSpan(start, read - start));
            }
        }
        catch (IOException)
        {
            // The pipe broke; the replies still awaited fail below.
        }

        var gone = new IOException("chromium closed its DevTools pipe; its last log lines: " + string.Join(" | ", _stderr));
        _gone = gone;
        foreach (var id in _replies.Keys)
        {
            if (_replies.TryRemove(id, out var reply))
            {
                reply.TrySetException(gone);
            }
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var message = document.RootElement.Clone();
        if (message.TryGetProperty("id", out var id))
        {
            if (_replies.TryRemove(id.GetInt32(), out var reply))
            {
                if (message.TryGetProperty("error", out var error))
                {
                    reply.TrySetException(new InvalidOperationException("chromium refused a command: " + error.GetRawText()));
                }
                else
                {
                    reply.TrySetResult(message.GetProperty("result"));
                }
            }
        }
        else if (message.TryGetProperty("sessionId", out var session) && _sessions.TryGetValue(session.GetString()!, out var onEvent))
        {
            onEvent(message.GetProperty("method").GetString()!, message.GetProperty("params"));
        }
    }
}
