"""The result channel: only the job's main process speaks on it; its children cannot corrupt it or be blamed."""

from __future__ import annotations

import textwrap

from .conftest import RunSnippet


def test_fork_and_return_gets_the_main_processs_answer(run: RunSnippet) -> None:
    # Double fork + setsid, and every half returns from f into the harness, which writes a result.
    result = run(textwrap.dedent("""
        import os
        def f():
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    return 41
                return 40
            return 42
        """))
    assert result.outcome == "ok", result.message
    assert result.calls[0].value == 42


def test_children_cant_corrupt_the_result_with_garbage_frames(run: RunSnippet) -> None:
    result = run(textwrap.dedent("""
        import os, struct, time
        def f():
            for _ in range(3):
                if os.fork() == 0:
                    for _ in range(200):
                        try:
                            os.write(3, struct.pack('<Q', 5) + b'\\xff' * 5)
                            os.write(3, b'\\x00' * 9)
                        except OSError:
                            pass
                    os._exit(0)
            time.sleep(0.05)
            return 42
        """))
    assert result.outcome == "ok", result.message
    assert result.calls[0].value == 42


def test_a_child_cant_forge_the_main_processs_credentials(run: RunSnippet) -> None:
    result = run(textwrap.dedent("""
        import os, socket, struct
        def f():
            main = os.getpid()
            if os.fork() == 0:
                channel = socket.socket(fileno=3)
                forged = [(socket.SOL_SOCKET, socket.SCM_CREDENTIALS, struct.pack('iII', main, 0, 0))]
                try:
                    channel.sendmsg([struct.pack('<Q', 3) + b'bad'], forged)
                except OSError:
                    pass
                os._exit(0)
            os.wait()
            return 42
        """))
    assert result.outcome == "ok", result.message
    assert result.calls[0].value == 42
