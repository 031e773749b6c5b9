{{- define "milvus.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release name is the full name when it already contains the chart name. */}}
{{- define "milvus.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "milvus.standalone.fullname" -}}
{{ template "milvus.fullname" . }}-standalone
{{- end -}}

{{- define "milvus.matchLabels" -}}
app.kubernetes.io/name: {{ include "milvus.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "milvus.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{ include "milvus.matchLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* The chart also looks up the running Deployment on upgrades; a first install uses the value. */}}
{{- define "milvus.standalone.messageQueue" -}}
{{ .Values.standalone.messageQueue }}
{{- end -}}

{{/* Probes every Milvus container gets from the top-level livenessProbe and readinessProbe. */}}
{{- define "milvus.probes" -}}
{{- if .Values.livenessProbe.enabled }}
livenessProbe:
  tcpSocket:
    port: metrics
  initialDelaySeconds: {{ .Values.livenessProbe.initialDelaySeconds }}
  periodSeconds: {{ .Values.livenessProbe.periodSeconds }}
  timeoutSeconds: {{ .Values.livenessProbe.timeoutSeconds }}
  successThreshold: {{ .Values.livenessProbe.successThreshold }}
  failureThreshold: {{ .Values.livenessProbe.failureThreshold }}
{{- end }}
{{- if .Values.readinessProbe.enabled }}
readinessProbe:
  httpGet:
    path: /healthz
    port: metrics
  initialDelaySeconds: {{ .Values.readinessProbe.initialDelaySeconds }}
  periodSeconds: {{ .Values.readinessProbe.periodSeconds }}
  timeoutSeconds: {{ .Values.readinessProbe.timeoutSeconds }}
  successThreshold: {{ .Values.readinessProbe.successThreshold }}
  failureThreshold: {{ .Values.readinessProbe.failureThreshold }}
{{- end }}
{{- end -}}

{{/*
A cluster-mode Deployment. Call with (dict "root" $ "component" "querynode" "values" .Values.queryNode
"port" 21123 "name" <Deployment name>).
*/}}
{{- define "milvus.component.deployment" -}}
{{- $root := .root -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
{{ include "milvus.labels" $root | indent 4 }}
    component: {{ .component | quote }}
spec:
  replicas: {{ .values.replicas }}
  selector:
    matchLabels:
{{ include "milvus.matchLabels" $root | indent 6 }}
      component: {{ .component | quote }}
  template:
    metadata:
      labels:
{{ include "milvus.matchLabels" $root | indent 8 }}
        component: {{ .component | quote }}
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
    spec:
      serviceAccountName: default
      initContainers:
      containers:
      - name: {{ .component }}
        image: "{{ $root.Values.image.all.repository }}:{{ $root.Values.image.all.tag }}"
        imagePullPolicy: {{ $root.Values.image.all.pullPolicy }}
        args: [ "milvus", "run", {{ .component | quote }} ]
        env:
        {{- if .values.extraEnv }}
          {{- toYaml .values.extraEnv | nindent 8 }}
        {{- end }}
        ports:
          - name: {{ .component }}
            containerPort: {{ .port }}
            protocol: TCP
          - name: metrics
            containerPort: 9091
            protocol: TCP
{{ include "milvus.probes" $root | indent 8 }}
        resources:
          {{- toYaml .values.resources | nindent 10 }}
        volumeMounts:
        - name: milvus-config
          mountPath: /milvus/configs/default.yaml
          subPath: default.yaml
          readOnly: true
        - name: milvus-config
          mountPath: /milvus/configs/user.yaml
          subPath: user.yaml
          readOnly: true
      volumes:
      - name: milvus-config
        configMap:
          name: {{ template "milvus.fullname" $root }}
{{- end -}}

{{/* A headless cluster-mode Service exposing a component's metrics port. */}}
{{- define "milvus.component.metricsService" -}}
{{- $root := .root -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ template "milvus.fullname" $root }}-{{ .component }}
  namespace: {{ $root.Release.Namespace }}
  labels:
{{ include "milvus.labels" $root | indent 4 }}
    component: {{ .component | quote }}
spec:
  type: ClusterIP
  clusterIP: None
  ports:
    - name: metrics
      protocol: TCP
      port: 9091
      targetPort: metrics
  selector:
{{ include "milvus.matchLabels" $root | indent 4 }}
    component: {{ .component | quote }}
{{- end -}}
