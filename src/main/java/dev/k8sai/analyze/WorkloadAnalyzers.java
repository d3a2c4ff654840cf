package dev.k8sai.analyze;

import java.util.List;

/** The analyzers for pods, deployments, replica sets, stateful sets, daemon sets, jobs, cron jobs, HPAs and PDBs, in report order. */
public final class WorkloadAnalyzers {

    private WorkloadAnalyzers() {
    }

    public static List<Analyzer> all() {
        return List.of(new PodAnalyzer(), new DeploymentAnalyzer(), new ReplicaSetAnalyzer(), new StatefulSetAnalyzer(),
                new DaemonSetAnalyzer(), new JobAnalyzer(), new CronJobAnalyzer(), new HpaAnalyzer(), new PdbAnalyzer());
    }
}
