/**
 * What connject's integration tests share: the installed JDKs ({@link dev.connject.testkit.Jdks}), child JVMs
 * ({@link dev.connject.testkit.ChildJvm}), strace and its output ({@link dev.connject.testkit.Strace},
 * {@link dev.connject.testkit.StraceLog}), private network namespaces that make connects fail
 * ({@link dev.connject.testkit.Netns}), connject's rules files ({@link dev.connject.testkit.RulesFile}) and its
 * event files ({@link dev.connject.testkit.Events}).
 *
 * <p>Everything here runs real processes: strace needs ptrace, the namespaces need root.
 */
package dev.connject.testkit;
