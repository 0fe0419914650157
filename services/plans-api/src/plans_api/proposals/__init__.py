"""候補プロジェクト案件: the prefectures' proposals for the 戦略産業クラスター計画 (type A)."""
