/**
 * Tests of the Kubernetes manifests in {@code deploy/kubernetes}: every Kustomize overlay
 * rendered with {@code kubectl kustomize}, each object checked against the Kubernetes API
 * model of the stated version ({@link KubernetesApi}), and the platform's deployment
 * rules (probes, resources, non-root, read-only root file systems, the gateway's
 * availability, the network flows, configuration without secrets) checked on what was
 * rendered.
 */
package org.millgate.deploy;
